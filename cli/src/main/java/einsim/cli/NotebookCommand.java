package einsim.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.cli.notebook.EinsimKernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code einsim notebook install}: registers the einsim Jupyter kernel (JShell with einsim on its class path). */
@Command(name = "notebook", mixinStandardHelpOptions = true, description = "Jupyter notebooks over JShell.",
        subcommands = {NotebookCommand.Install.class})
final class NotebookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.OK;
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Write the kernel spec 'einsim' where Jupyter finds it ($JUPYTER_DATA_DIR/kernels, else "
                    + "~/.local/share/jupyter/kernels), or under --dir.",
            footer = {"", "Then: jupyter notebook notebooks/   (or: jupyter nbconvert --execute --to notebook ...)"})
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--dir", paramLabel = "KERNELS_DIR", description = "the kernels folder to write einsim/kernel.json into")
        Path dir;
        @Option(names = "--class-path", paramLabel = "CP", description = "class path for the kernel (default: this einsim)")
        String classPath;

        @Override
        public Integer call() {
            String cp = classPath != null ? classPath : self();
            Path kernels = dir != null ? dir : defaultKernels();
            Path target = kernels.resolve("einsim");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ObjectNode spec = CascadeCommand.JSON.createObjectNode();
            ArrayNode argv = spec.putArray("argv");
            argv.add(java).add("-Djava.awt.headless=true").add("-cp").add(cp).add(EinsimKernel.class.getName())
                    .add("{connection_file}").add(cp);
            spec.put("display_name", "einsim (Java, JShell)");
            spec.put("language", "java");
            spec.put("interrupt_mode", "message");
            try {
                Files.createDirectories(target);
                Files.writeString(target.resolve("kernel.json"), CascadeCommand.json(spec));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
            this.spec.commandLine().getOut().println("einsim: installed the Jupyter kernel 'einsim' in " + target);
            return Main.OK;
        }

        /** The jar (or classes folder) einsim runs from. */
        static String self() {
            try {
                return Path.of(EinsimKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        static Path defaultKernels() {
            String data = System.getenv("JUPYTER_DATA_DIR");
            if (data != null && !data.isBlank()) return Path.of(data, "kernels");
            return Path.of(System.getProperty("user.home"), ".local", "share", "jupyter", "kernels");
        }
    }
}
