/**
 * The osinfo database, read the way libosinfo reads it: Debian's osinfo-db files in {@code /usr/share/osinfo},
 * overridden by {@code /etc/osinfo} and by the user's {@code $XDG_CONFIG_HOME/osinfo}, plus the PCI and USB id
 * registries ({@code pci.ids}, {@code usb.ids}) for device names.
 *
 * <p>This package owns the model ({@link org.jvirt.osinfo.Os} with its inheritance through derives-from and
 * clones, {@link org.jvirt.osinfo.Media}, {@link org.jvirt.osinfo.Tree}, {@link org.jvirt.osinfo.Image},
 * {@link org.jvirt.osinfo.Device}, {@link org.jvirt.osinfo.Platform}, {@link org.jvirt.osinfo.InstallScript}),
 * the queries over it ({@link org.jvirt.osinfo.OsinfoDb}: by id, short-id or name, by an ISO's primary volume
 * descriptor, by a tree's {@code .treeinfo}) and the readers of what the queries look at
 * ({@link org.jvirt.osinfo.IsoVolume}, {@link org.jvirt.osinfo.TreeInfo}). Provisioning (virt-install's job)
 * builds on it elsewhere; the command-line twin of {@code osinfo-query} lives in {@code org.jvirt.osinfo.query}.
 *
 * <p>Facts come from libosinfo 1.10's behaviour (read for facts, not copied): which directory overrides which,
 * which properties a file sets, what an OS inherits from the OSes it derives from or clones, and how media and
 * trees are matched.
 */
package org.jvirt.osinfo;
