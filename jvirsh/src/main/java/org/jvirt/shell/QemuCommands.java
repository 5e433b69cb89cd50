package org.jvirt.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.jvirt.Domain;
import org.jvirt.flags.QemuMonitorCommandFlag;

/** The QEMU-specific commands (libvirt-qemu's API): qemu-monitor-command, qemu-agent-command. */
final class QemuCommands {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QemuCommands() {
    }

    /** virsh's cmdQemuMonitorCommand: the words joined by spaces; --pretty and --return-value reformat QMP's JSON. */
    static boolean monitorCommand(Shell sh, Invocation cmd) {
        boolean hmp = cmd.bool("hmp");
        boolean pretty = cmd.bool("pretty");
        boolean returnValue = cmd.bool("return-value");
        if (hmp && pretty) {
            sh.error("Options --hmp and --pretty are mutually exclusive");
            return false;
        }
        if (hmp && returnValue) {
            sh.error("Options --hmp and --return-value are mutually exclusive");
            return false;
        }
        if (cmd.has("pass-fds")) {
            sh.error("this function is not supported by the connection driver: virDomainQemuMonitorCommandWithFiles");
            return false;
        }
        Domain d = Lookup.domain(sh, cmd);
        String command = String.join(" ", cmd.all("cmd"));
        String result = hmp ? d.qemuMonitorCommand(command, QemuMonitorCommandFlag.HMP) : d.qemuMonitorCommand(command);
        if (!pretty && !returnValue) {
            sh.print("%s\n", result);
            return true;
        }
        JsonNode json;
        try {
            json = JSON.readTree(result);
        } catch (IOException e) {
            if (returnValue) {
                sh.error("failed to parse JSON returned by qemu");
                return false;
            }
            sh.print("%s\n", result);
            return true;
        }
        if (returnValue) {
            json = json.get("return");
            if (json == null) {
                sh.error("'return' member missing");
                return false;
            }
        }
        try {
            sh.print("%s\n", pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json)
                    : JSON.writeValueAsString(json));
        } catch (IOException e) {
            sh.print("%s\n", result);
        }
        return true;
    }

    /** virsh's cmdQemuAgentCommand: --timeout N, --async and --block are exclusive; --pretty reformats. */
    static boolean agentCommand(Shell sh, Invocation cmd) {
        int timeout = Domain.AGENT_COMMAND_DEFAULT;
        int judge = 0;
        if (cmd.has("timeout")) {
            timeout = cmd.integer("timeout", 0);
            judge++;
            if (timeout < 1) {
                sh.error("timeout must be positive");
                return false;
            }
        }
        if (cmd.bool("async")) {
            timeout = Domain.AGENT_COMMAND_NOWAIT;
            judge++;
        }
        if (cmd.bool("block")) {
            timeout = Domain.AGENT_COMMAND_BLOCK;
            judge++;
        }
        if (judge > 1) {
            sh.error("timeout, async and block options are exclusive");
            return false;
        }
        Domain d = Lookup.domain(sh, cmd);
        String result = d.qemuAgentCommand(String.join(" ", cmd.all("cmd")), timeout);
        if (cmd.bool("pretty")) {
            try {
                result = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(result));
            } catch (IOException e) {
                // not JSON: printed as it came, as virsh does
            }
        }
        sh.print("%s\n", result);
        return true;
    }
}
