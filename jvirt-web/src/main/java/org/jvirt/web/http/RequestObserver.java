package org.jvirt.web.http;

/** Told of every API request once it is answered (metrics); {@code route} is the template, never the raw path. */
@FunctionalInterface
public interface RequestObserver {
    void observe(String method, String route, int status, double seconds);

    RequestObserver NONE = (m, r, s, t) -> { };
}
