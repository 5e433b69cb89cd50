package org.jvirt.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.jvirt.ErrorNumber;
import org.jvirt.Libvirt;
import org.jvirt.VirtException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every SPI entry point a driver does not override must fail with VIR_ERR_NO_SUPPORT naming the libvirt
 * function it is annotated with, so the support matrix and the errors users see agree.
 */
class UnsupportedEntryPointsTest {

    @ParameterizedTest
    @ValueSource(classes = {DomainDriver.class, DomainSnapshotDriver.class, NetworkDriver.class, StorageDriver.class,
        NodeDeviceDriver.class, InterfaceDriver.class, SecretDriver.class, NWFilterDriver.class, HostDriver.class})
    void defaultsRaiseNoSupportNamingTheFunction(Class<?> spi) throws Exception {
        Object none = Proxy.newProxyInstance(spi.getClassLoader(), new Class<?>[] {spi},
                (proxy, method, args) -> java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args));
        int checked = 0;
        for (Method m : spi.getDeclaredMethods()) {
            if (!m.isDefault()) {
                continue;
            }
            Libvirt ann = m.getAnnotation(Libvirt.class);
            assertNotNull(ann, spi.getSimpleName() + "." + m.getName() + " has no @Libvirt");
            Object[] args = new Object[m.getParameterCount()];
            for (int i = 0; i < args.length; i++) {
                Class<?> t = m.getParameterTypes()[i];
                args[i] = t == int.class ? 0 : t == long.class ? 0L : t == boolean.class ? false : null;
            }
            try {
                m.invoke(none, args);
                // The connection-property defaults (isSecure, isAlive...) have an answer instead of an error.
                assertTrue(List.of("isEncrypted", "isSecure", "isAlive").contains(m.getName()),
                        m + " returned without raising NO_SUPPORT");
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof VirtException ve)) {
                    fail(m + " threw " + e.getCause());
                    return;
                }
                assertEquals(ErrorNumber.NO_SUPPORT, ve.number(), m.toString());
                assertEquals(ann.value()[0], ve.error().str2(), m + ": error names another function");
            }
            checked++;
        }
        assertTrue(checked > 0);
    }
}
