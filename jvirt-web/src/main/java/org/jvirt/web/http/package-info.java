/** The HTTP layer: the route table (from which dispatch and the OpenAPI document both come), requests, JSON errors carrying libvirt's error, ETags, static files, the client-certificate check. */
package org.jvirt.web.http;
