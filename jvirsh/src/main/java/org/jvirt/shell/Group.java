package org.jvirt.shell;

import java.util.List;

/** A group of commands as {@code help} lists them: its title, its keyword ({@code help KEYWORD}), its commands. */
public record Group(String name, String keyword, List<Command> commands) {
}
