package einsim.cli.notebook;

import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The einsim Jupyter kernel: JShell, with einsim on its class path, behind the JJava kernel framework
 * ({@code org.dflib.jjava:jjava-jupyter}). Snippets run in this JVM (JShell's local execution engine), so
 * {@link Einsim#show} can put charts into the notebook. Started by Jupyter with the connection file.
 */
public final class EinsimKernel extends BaseKernel {
    private static volatile EinsimKernel current;
    private final JShell shell;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    EinsimKernel(Builder b, String classPath) {
        super(b.name(), b.version(), new LanguageInfo("java", System.getProperty("java.version"), "text/x-java", ".jshell",
                        "java", "java", null), List.of(), b.history(), b.io(), b.comms(), b.renderer(),
                new MagicParser("(?<=(?:^|=))\\s*%", "%%", b.transpiler()), b.magics(), false, b.styler());
        this.shell = JShell.builder().executionEngine("local").out(new PrintStream(captured, true, StandardCharsets.UTF_8))
                .err(new PrintStream(captured, true, StandardCharsets.UTF_8)).build();
        for (String p : classPath.split(java.io.File.pathSeparator)) if (!p.isBlank()) shell.addToClasspath(p);
        shell.eval("import einsim.cli.notebook.Einsim;");
    }

    /** The kernel of this JVM, or null outside Jupyter. */
    public static EinsimKernel current() { return current; }

    void displayPng(String base64) {
        DisplayData d = new DisplayData();
        d.putData("image/png", base64);
        display(d);
    }

    @Override
    public Object evalRaw(String code) {
        List<String> values = new ArrayList<>();
        String rest = code;
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            String src = ci.source() == null ? rest : ci.source();
            for (SnippetEvent e : shell.eval(src)) {
                if (e.exception() != null) {
                    flushOutput();
                    Throwable t = e.exception();
                    String msg = t instanceof EvalException ? ((EvalException) t).getExceptionClassName() + ": " + t.getMessage()
                            : t.toString();
                    throw new RuntimeException(msg);
                }
                if (e.status() == Snippet.Status.REJECTED) {
                    flushOutput();
                    StringBuilder sb = new StringBuilder("cannot compile: ").append(e.snippet().source().strip());
                    shell.diagnostics(e.snippet()).forEach(d -> sb.append("\n").append(d.getMessage(null)));
                    throw new RuntimeException(sb.toString());
                }
                boolean temp = e.snippet() instanceof jdk.jshell.VarSnippet
                        && ((jdk.jshell.VarSnippet) e.snippet()).name().startsWith("$"); // an expression's value
                // printf and friends return their stream; that is no result worth showing
                boolean stream = e.value() != null && e.value().startsWith("java.io.PrintStream@");
                if (e.value() != null && !stream && (e.snippet().kind() == Snippet.Kind.EXPRESSION || temp)) {
                    values.add(e.value());
                }
            }
            if (ci.remaining() == null || ci.remaining().equals(rest)) break;
            rest = ci.remaining();
        }
        flushOutput();
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private void flushOutput() {
        String out = captured.toString(StandardCharsets.UTF_8);
        captured.reset();
        if (!out.isEmpty()) System.out.print(out);
        System.out.flush();
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extra) { return null; }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<String> s = new ArrayList<>();
        shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor).forEach(x -> s.add(x.continuation()));
        return s.isEmpty() ? null : new ReplacementOptions(s, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        SourceCodeAnalysis.CompletionInfo ci = shell.sourceCodeAnalysis().analyzeCompletion(code);
        switch (ci.completeness()) {
            case COMPLETE: case COMPLETE_WITH_SEMI: case EMPTY: return IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE: case CONSIDERED_INCOMPLETE: return IS_COMPLETE_MAYBE;
            default: return IS_COMPLETE_BAD;
        }
    }

    @Override
    public void onShutdown(boolean restart) { shell.close(); }

    /** Exposes the framework's default parts to the constructor. */
    static final class Builder extends BaseKernelBuilder<Builder, EinsimKernel> {
        private final String classPath;

        Builder(String classPath) { this.classPath = classPath; }

        String name() { return buildName(); }
        String version() { return buildVersion(); }
        org.dflib.jjava.jupyter.kernel.history.HistoryManager history() { return buildHistoryManager(); }
        org.dflib.jjava.jupyter.kernel.JupyterIO io() { return buildJupyterIO(buildJupyterIOEncoding()); }
        org.dflib.jjava.jupyter.kernel.comm.CommManager comms() { return buildCommManager(); }
        org.dflib.jjava.jupyter.kernel.display.Renderer renderer() { return buildRenderer(); }
        org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler transpiler() { return buildMagicTranspiler(); }
        org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry magics() { return buildMagicsRegistry(); }
        org.dflib.jjava.jupyter.kernel.util.StringStyler styler() { return buildErrorStyler(); }

        @Override
        public EinsimKernel build() { return new EinsimKernel(this, classPath); }
    }

    /** Jupyter starts the kernel as {@code java -cp einsim.jar einsim.cli.notebook.EinsimKernel CONNECTION_FILE [CLASSPATH]}. */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        String conn = Files.readString(Path.of(args[0]));
        String cp = args.length > 1 ? args[1] : System.getProperty("java.class.path");
        KernelConnectionProperties props = KernelConnectionProperties.parse(conn);
        JupyterConnection c = new JupyterConnection(props);
        EinsimKernel k = new Builder(cp).name("einsim").version("0.1.0").build();
        current = k;
        k.becomeHandlerForConnection(c);
        c.connect();
        c.waitUntilClose();
    }
}
