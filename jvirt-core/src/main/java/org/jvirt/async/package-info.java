/**
 * The async mirror of the whole public API: one {@code Async*} class per public class, generated from it (see
 * {@code org.jvirt.coverage.AsyncMirrorGenerator}), each method returning a CompletableFuture.
 */
package org.jvirt.async;
