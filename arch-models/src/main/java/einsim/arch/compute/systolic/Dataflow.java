package einsim.arch.compute.systolic;

/** Which operand stays in the PEs: outputs (os), weights (ws) or inputs (is). */
public enum Dataflow {
    OS, WS, IS;

    public static Dataflow parse(String s) {
        switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "os": return OS;
            case "ws": return WS;
            case "is": return IS;
            default: return null;
        }
    }

    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }
}
