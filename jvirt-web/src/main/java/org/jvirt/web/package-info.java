/**
 * jvirt-web: the HTTP server (Jetty 12 core handlers, HTTP/1.1 and HTTP/2, TCP with jvirtd's TLS, a unix socket,
 * a loopback development mode) over one connection of the public API, and its command line.
 */
package org.jvirt.web;
