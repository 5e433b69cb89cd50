package org.jvirt.shell;

import java.util.List;

/**
 * One command, declared once: its name, its one-line help and longer description (both printed by
 * {@code help} exactly as virsh prints them), its options in declaration order (which is also the order in
 * which bare words fill them), and its handler.
 *
 * @param connectless the command runs without a connection (help, connect, quit...)
 * @param isHidden  not listed by {@code help} (virsh's internal commands)
 * @param aliasOf   for an alias, the command it stands for; its other fields are unused
 */
public record Command(String name, String help, String desc, List<Opt> opts, Handler handler,
                      boolean connectless, boolean isHidden, String aliasOf) {

    public static Command cmd(String name, String help, String desc, Handler handler, Opt... opts) {
        return new Command(name, help, desc, List.of(opts), handler, false, false, null);
    }

    public static Command alias(String name, String target) {
        return new Command(name, "", "", List.of(), null, false, true, target);
    }

    public Command noConnect() {
        return new Command(name, help, desc, opts, handler, true, isHidden, aliasOf);
    }

    public Command hidden() {
        return new Command(name, help, desc, opts, handler, connectless, true, aliasOf);
    }

    public Opt opt(String optName) {
        for (Opt o : opts) {
            if (o.name().equals(optName)) {
                return o;
            }
        }
        return null;
    }
}
