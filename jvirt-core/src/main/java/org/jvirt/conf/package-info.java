/**
 * Text in libvirt's formats that is not XML: configuration files (libvirt.conf, libvirtd.conf), integers as
 * virStrToLong_* reads them, and bitmaps (cpusets, nodesets) as virBitmapParse/virBitmapFormat write them.
 */
package org.jvirt.conf;
