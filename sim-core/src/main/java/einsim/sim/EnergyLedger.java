package einsim.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/** Energy as Σ over actions of count × pJ per action; the per-action cost comes from the component's spec. */
public final class EnergyLedger {
    private final Map<String, Double> pjPerAction;
    private final Map<String, Double> energyPj = new LinkedHashMap<>();

    public EnergyLedger(Map<String, Double> pjPerAction) { this.pjPerAction = Map.copyOf(pjPerAction); }

    /** Charges {@code count} actions; an action with no cost in the spec costs 0 pJ (listed, so it shows up). */
    public void charge(String action, long count) {
        energyPj.merge(action, count * pjPerAction.getOrDefault(action, 0.0), Double::sum);
    }

    public Map<String, Double> byAction() { return Map.copyOf(energyPj); }

    public double totalPj() {
        double t = 0;
        for (double v : energyPj.values()) t += v;
        return t;
    }
}
