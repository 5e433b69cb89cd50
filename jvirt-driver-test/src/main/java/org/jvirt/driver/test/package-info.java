/**
 * libvirt's test driver rebuilt: {@code test:///default} (one state shared by every connection of the process,
 * as libvirt shares it) and {@code test:///abs/path.xml} (a private state per connection, loaded from a node
 * file). Everything lives in memory; behaviour, default state and error messages follow libvirt 9.0's
 * src/test/test_driver.c. One lock per driver state guards all of it, as in libvirt.
 *
 * <h2>jvirt's extension: volume content</h2>
 * libvirt 9.0's test driver keeps volumes as metadata only and has no virStorageVolUpload, virStorageVolDownload,
 * virStorageVolResize or virStorageVolWipe. Ours has them, because jvirtd serves this driver and
 * {@code virsh vol-upload}/{@code vol-download} (plain and {@code --sparse}) must work against it, so streams can
 * be tested end to end without a real storage backend. Each volume keeps its bytes in memory as a sparse store
 * ({@link org.jvirt.driver.test.SparseBytes}: data extents; holes cost nothing), bounded by the volume's capacity
 * like a block device. The calls follow libvirt's storage driver (storage_driver.c) and its fd streams
 * (virfdstream.c): offset and length select a window, length 0 meaning to the end; writing past it fails with
 * "cannot write to stream: No space left on device"; sparse streams report holes on download and take them on
 * upload (as zeros); resize applies storageVolResize's checks and drops content past a shrunk end; wipe zeroes.
 * A clone (virStorageVolCreateXMLFrom) copies the content. Volume metadata (allocation in particular) is not
 * derived from the content, as libvirt's test driver never looks at files. Screenshots stream one fixed PNG of our
 * own drawing, as testDomainScreenshot streams a fixed image.
 */
package org.jvirt.driver.test;
