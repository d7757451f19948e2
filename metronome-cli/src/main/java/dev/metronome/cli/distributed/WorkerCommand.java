package dev.metronome.cli.distributed;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** The command line of a worker: this JVM again (same executable, options and class path), with other arguments. */
public final class WorkerCommand {

    private WorkerCommand() {}

    /**
     * Returns the command that runs {@code mainClass} with {@code args} in a JVM like this one.
     *
     * @param mainClass the worker's main class
     * @param args its arguments
     * @return the command line
     */
    public static List<String> sameJvm(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Removes options and their values from an argument list, in both {@code --name value} and
     * {@code --name=value} form.
     *
     * @param args the arguments
     * @param names the options to remove
     * @return the other arguments, in order
     */
    public static List<String> without(List<String> args, List<String> names) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!names.contains(name)) {
                kept.add(arg);
            } else if (!arg.contains("=")) {
                i++;
            }
        }
        return kept;
    }
}
