package org.jvirt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the libvirt C functions a method implements. It sits on the public API's methods and on the driver SPI's
 * entry points; the API coverage table and the support matrix are generated from it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Libvirt {
    /** The libvirt function names, e.g. {@code {"virDomainCreate", "virDomainCreateWithFlags"}}. */
    String[] value();
}
