package org.jvirt.install.cli;

import org.jvirt.install.InstallRequest;

/**
 * The command line, parsed.
 *
 * @param connect        --connect URI, or null for the default
 * @param request        the install request
 * @param printXml       --print-xml's step ("all", "1", "2"), or null
 * @param dryRun         --dry-run
 * @param autoconsole    false with --noautoconsole
 * @param waitMinutes    --wait (negative: forever), or null
 * @param quiet          --quiet
 * @param help           --help
 * @param osinfoList     --osinfo list (or --os-variant list): list the OS names and exit
 */
public record CliOptions(String connect, InstallRequest request, String printXml, boolean dryRun,
        boolean autoconsole, Integer waitMinutes, boolean quiet, boolean help, boolean osinfoList) {}
