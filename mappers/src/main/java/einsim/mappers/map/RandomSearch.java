package einsim.mappers.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Uniform samples of the mapspace (resampled up to 64 times until the mesh constraint and the capacities hold). */
final class RandomSearch implements SearchStrategy {
    private final Mapspace s;
    private final SplitMix rnd;

    RandomSearch(Mapspace s, long seed) {
        this.s = s;
        this.rnd = new SplitMix(seed);
    }

    @Override
    public String name() { return "random"; }

    static int[] sample(Mapspace s, SplitMix rnd) {
        int[] p = new int[s.pointLength()];
        for (int tries = 0; tries < 64; tries++) {
            for (int i = 0; i < p.length; i++) p[i] = rnd.nextInt(s.radix(i));
            if (s.meshOk(p) && s.fits(p)) break;
        }
        return p;
    }

    @Override
    public List<int[]> ask(int n) {
        List<int[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(sample(s, rnd));
        return out;
    }

    @Override
    public void tell(int[] point, double objective) {}

    @Override
    public ObjectNode state() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("rng", rnd.state);
        return n;
    }

    @Override
    public void restore(JsonNode n) { rnd.state = n.path("rng").asLong(); }
}
