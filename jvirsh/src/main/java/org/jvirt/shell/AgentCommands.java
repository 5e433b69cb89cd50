package org.jvirt.shell;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.Domain;
import org.jvirt.DomainFSInfo;
import org.jvirt.DomainInterface;
import org.jvirt.flags.DomainAuthorizedSSHKeysSetFlag;
import org.jvirt.flags.DomainGuestInfoType;
import org.jvirt.flags.DomainSetTimeFlag;

/**
 * Commands served by the guest agent: domtime, domifaddr, domfs*, set-user-password, get/set-user-sshkeys,
 * guestinfo, guestvcpus.
 */
final class AgentCommands {

    private static final DateTimeFormatter PRETTY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private AgentCommands() {
    }

    /** virsh's cmdDomTime: get (seconds, or --pretty in UTC), or set --time, --now or --sync. */
    static boolean domtime(Shell sh, Invocation cmd) {
        boolean now = cmd.bool("now");
        boolean sync = cmd.bool("sync");
        boolean time = cmd.has("time");
        exclusive(sh, time, now, "time", "now");
        exclusive(sh, time, sync, "time", "sync");
        exclusive(sh, now, sync, "now", "sync");
        Domain d = Lookup.domain(sh, cmd);
        long seconds = cmd.longInt("time", 0);
        if (time || now || sync) {
            if (now) {
                seconds = Instant.now().getEpochSecond();
            }
            if (sync) {
                d.setTime(Instant.ofEpochSecond(seconds), DomainSetTimeFlag.SYNC);
            } else {
                d.setTime(Instant.ofEpochSecond(seconds));
            }
            return true;
        }
        Instant t = d.getTime();
        // virsh prints the time without a line end
        if (cmd.bool("pretty")) {
            sh.print("Time: %s", PRETTY.format(t));
        } else {
            sh.print("Time: %d", t.getEpochSecond());
        }
        return true;
    }

    private static void exclusive(Shell sh, boolean a, boolean b, String nameA, String nameB) {
        if (a && b) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", nameA, nameB);
        }
    }

    /** virsh's cmdDomFSFreeze. */
    static boolean domfsfreeze(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        int n = d.fsFreeze(cmd.all("mountpoint"));
        sh.printExtra("Froze %d filesystem(s)\n", n);
        return true;
    }

    /** virsh's cmdDomFSThaw. */
    static boolean domfsthaw(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        int n = d.fsThaw(cmd.all("mountpoint"));
        sh.printExtra("Thawed %d filesystem(s)\n", n);
        return true;
    }

    /** virsh's cmdDomFSTrim. */
    static boolean domfstrim(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        d.fsTrim(cmd.string("mountpoint"), cmd.ulong("minimum", 0));
        return true;
    }

    /** virsh's cmdDomFSInfo: a table of mountpoint, name, type and the disks' targets. */
    static boolean domfsinfo(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        List<DomainFSInfo> info = d.getFSInfo();
        if (info.isEmpty()) {
            sh.printExtra("No filesystems are mounted in the domain");
            return true;
        }
        Table t = new Table("Mountpoint", "Name", "Type", "Target");
        for (DomainFSInfo i : info) {
            t.row(i.mountpoint(), i.name(), i.fstype(), String.join(",", i.devAliases()));
        }
        t.print(sh);
        return true;
    }

    /** virsh's cmdSetUserPassword. */
    static boolean setUserPassword(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String user = cmd.req("user");
        d.setUserPassword(user, cmd.req("password"), cmd.bool("encrypted"));
        sh.printExtra("Password set successfully for %s in %s", user, d.getName());
        return true;
    }

    /** virsh's cmdGetUserSSHKeys: the keys as virsh 9.0 prints them, without line ends between them. */
    static boolean getUserSshkeys(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        for (String key : d.authorizedSSHKeysGet(cmd.req("user"))) {
            sh.print("%s", key);
        }
        return true;
    }

    /** virsh's cmdSetUserSSHKeys: adds the file's keys, or with --reset replaces, or with --remove removes. */
    static boolean setUserSshkeys(Shell sh, Invocation cmd) {
        boolean remove = cmd.bool("remove");
        boolean reset = cmd.bool("reset");
        String from = cmd.string("file");
        if (remove && from == null) {
            throw sh.fail("Option --%s is required by option --%s", "file", "remove");
        }
        exclusive(sh, reset, remove, "reset", "remove");
        Domain d = Lookup.domain(sh, cmd);
        String user = cmd.req("user");
        List<DomainAuthorizedSSHKeysSetFlag> flags = new ArrayList<>();
        if (remove) {
            flags.add(DomainAuthorizedSSHKeysSetFlag.REMOVE);
        } else if (!reset) {
            flags.add(DomainAuthorizedSSHKeysSetFlag.APPEND);
            if (from == null) {
                throw sh.fail("Option --file is required");
            }
        }
        List<String> keys = List.of();
        if (from != null) {
            // g_strsplit's way: a trailing line end leaves an empty last key, as virsh sends it
            keys = List.of(sh.readFile(from).split("\n", -1));
        }
        d.authorizedSSHKeysSet(user, keys, flags.toArray(new DomainAuthorizedSSHKeysSetFlag[0]));
        return true;
    }

    /** virsh's cmdGuestInfo: the typed parameters, one "%-20s: %s" line each. */
    static boolean guestinfo(Shell sh, Invocation cmd) {
        List<DomainGuestInfoType> types = new ArrayList<>();
        String[][] opts = {{"user", "USERS"}, {"os", "OS"}, {"timezone", "TIMEZONE"}, {"hostname", "HOSTNAME"},
            {"filesystem", "FILESYSTEM"}, {"disk", "DISKS"}, {"interface", "INTERFACES"}};
        for (String[] o : opts) {
            if (cmd.bool(o[0])) {
                types.add(DomainGuestInfoType.valueOf(o[1]));
            }
        }
        Domain d = Lookup.domain(sh, cmd);
        Map<String, Object> params = d.getGuestInfo(types.toArray(new DomainGuestInfoType[0]));
        params.forEach((k, v) -> sh.print("%-20s: %s%n", k, typed(v)));
        return true;
    }

    /** virsh's cmdGuestvcpus: show the states, or with --cpulist --enable/--disable change them. */
    static boolean guestvcpus(Shell sh, Invocation cmd) {
        boolean enable = cmd.bool("enable");
        boolean disable = cmd.bool("disable");
        String cpulist = cmd.string("cpulist");
        exclusive(sh, enable, disable, "enable", "disable");
        if ((enable || disable) && cpulist == null) {
            throw sh.fail("Option --%s is required by option --%s", "cpulist", enable ? "enable" : "disable");
        }
        if (cpulist != null && !(enable || disable)) {
            throw sh.fail("One of options --enable or --disable is required by option --cpulist");
        }
        Domain d = Lookup.domain(sh, cmd);
        if (cpulist != null) {
            d.setGuestVcpus(cpulist, enable);
            return true;
        }
        d.getGuestVcpus().forEach((k, v) -> sh.print("%-15s: %s%n", k, typed(v)));
        return true;
    }

    /** vshGetTypedParamValue's spelling: booleans as yes/no. */
    private static String typed(Object v) {
        return v instanceof Boolean b ? (b ? "yes" : "no") : String.valueOf(v);
    }
}
