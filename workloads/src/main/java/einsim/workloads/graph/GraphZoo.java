package einsim.workloads.graph;

import einsim.workloads.graph.GraphBuilder.Shape;
import einsim.workloads.llm.WorkloadException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Operator graphs of well-known models for the scheduler (COSMA's evaluation set as far as it is known, plus
 * MobileNet-V2, Transformer blocks and an LLM decoder block). 8-bit data; 224×224 images; R(2+1)D takes 16 frames
 * of 112×112 (torchvision's input), S3D 16 frames of 224×224 (the paper's). Layer shapes follow the torchvision / Hugging Face
 * definitions; batch norm and activations are fused into the preceding layer, so one op per conv / linear layer.
 */
public final class GraphZoo {
    private static final Map<String, Supplier<TensorGraph>> MODELS = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        add("resnet50", "ResNet-50 v1.5, 224×224", () -> resnet("resnet50", new long[]{64, 128, 256, 512}, 1, false));
        add("resnext50", "ResNeXt-50 32×4d, 224×224", () -> resnet("resnext50", new long[]{128, 256, 512, 1024}, 32, false));
        add("densenet121", "DenseNet-121 (growth 32, concatenations as ops), 224×224", GraphZoo::densenet121);
        add("fcn-resnet50", "FCN, dilated ResNet-50 backbone (output stride 8), 21 classes, 224×224", () -> fcn(false));
        add("deeplabv3-resnet50", "DeepLabV3, dilated ResNet-50 + ASPP (rates 12/24/36), 21 classes, 224×224", () -> fcn(true));
        add("lraspp-mobilenetv3", "L-RASPP on MobileNet-V3-Large (dilated last stage), 21 classes, 224×224", GraphZoo::lraspp);
        add("r2plus1d-18", "R(2+1)D-18, 16×112×112 clip", GraphZoo::r2plus1d);
        add("s3d", "S3D (separable 3-D inception), 16×224×224 clip as in the paper", GraphZoo::s3d);
        add("mobilenetv2", "MobileNet-V2 1.0, 224×224", GraphZoo::mobilenetV2);
        add("nas-cells-12", "NAS-like network: 12 NASNet-style cells of 5 two-branch blocks (seeded wiring, 223 ops), 224×224", GraphZoo::nasCells);
        add("bert-base-512", "Transformer encoder: BERT-base, 12 layers, 512 tokens", () -> encoder("bert-base-512", 512, 12, false));
        add("vit-b16", "ViT-B/16, 224×224 (197 tokens), 12 layers", () -> encoder("vit-b16", 197, 12, true));
        add("llama2-7b-block-prefill-1024", "one Llama-2-7B decoder block, prefill of 1024 tokens", () -> llamaBlock(false));
        add("llama2-7b-block-decode-1024", "one Llama-2-7B decoder block, decode of 1 token with a 1024-token KV cache", () -> llamaBlock(true));
    }

    private GraphZoo() {}

    private static void add(String id, String d, Supplier<TensorGraph> s) {
        MODELS.put(id, s);
        DESCRIPTIONS.put(id, d);
    }

    /** Ids with one-line descriptions, in listing order. */
    public static Map<String, String> list() { return new LinkedHashMap<>(DESCRIPTIONS); }

    public static boolean has(String id) { return MODELS.containsKey(id); }

    public static TensorGraph get(String id) {
        Supplier<TensorGraph> s = MODELS.get(id);
        if (s == null) {
            throw new WorkloadException("unknown zoo graph '" + id + "'", "einsim schedule --zoo lists the ids: " + String.join(", ", MODELS.keySet()));
        }
        return s.get();
    }

    // ---- CNNs ----

    private static String stem(GraphBuilder b) {
        String x = b.input("image", new Shape(3, 1, 224, 224));
        x = b.conv("conv1", x, 64, 7, 2);
        return b.pool("maxpool", x, 2);
    }

    /** Bottleneck stages; width per stage, groups for the 3×3 (ResNeXt), dilation instead of stride in stages 3–4. */
    private static String resnetBody(GraphBuilder b, String x, long[] width, int groups, boolean dilated) {
        int[] blocks = {3, 4, 6, 3};
        long[] out = {256, 512, 1024, 2048};
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < blocks[s]; i++) {
                String p = "layer" + (s + 1) + "." + i;
                int stride = i == 0 && s > 0 && !(dilated && s >= 2) ? 2 : 1;
                String a = b.conv(p + ".conv1", x, width[s], 1, 1);
                a = b.gconv(p + ".conv2", a, width[s], 3, stride, groups);
                a = b.conv(p + ".conv3", a, out[s], 1, 1);
                String skip = x;
                if (i == 0) skip = b.conv(p + ".downsample", x, out[s], 1, stride);
                x = b.eltwise(p + ".add", a, skip);
            }
        }
        return x;
    }

    static TensorGraph resnet(String id, long[] width, int groups, boolean dilated) {
        GraphBuilder b = new GraphBuilder(id);
        String x = resnetBody(b, stem(b), width, groups, dilated);
        x = b.gap("avgpool", x);
        b.conv("fc", x, 1000, 1, 1);
        return b.build();
    }

    static TensorGraph fcn(boolean aspp) {
        GraphBuilder b = new GraphBuilder(aspp ? "deeplabv3-resnet50" : "fcn-resnet50");
        String x = resnetBody(b, stem(b), new long[]{64, 128, 256, 512}, 1, true);
        long h = b.shape(x).h();
        if (aspp) {
            List<String> br = new ArrayList<>();
            br.add(b.conv("aspp.b0", x, 256, 1, 1));
            for (int r : new int[]{12, 24, 36}) br.add(b.conv("aspp.rate" + r, x, 256, 3, 1));
            String g = b.gap("aspp.pool", x);
            g = b.conv("aspp.pool.conv", g, 256, 1, 1);
            br.add(b.resize("aspp.pool.up", g, h, h));
            x = b.concat("aspp.concat", br);
            x = b.conv("aspp.project", x, 256, 1, 1);
            x = b.conv("head.conv", x, 256, 3, 1);
        } else {
            x = b.conv("head.conv", x, 512, 3, 1);
        }
        x = b.conv("classifier", x, 21, 1, 1);
        b.resize("upsample", x, 224, 224);
        return b.build();
    }

    static TensorGraph densenet121() {
        GraphBuilder b = new GraphBuilder("densenet121");
        String x = stem(b);
        int[] layers = {6, 12, 24, 16};
        for (int s = 0; s < 4; s++) {
            List<String> feats = new ArrayList<>(List.of(x));
            for (int i = 0; i < layers[s]; i++) {
                String p = "block" + (s + 1) + ".layer" + (i + 1);
                String in = feats.size() == 1 ? feats.get(0) : b.concat(p + ".concat", feats);
                String a = b.conv(p + ".conv1", in, 128, 1, 1);
                feats.add(b.conv(p + ".conv2", a, 32, 3, 1));
            }
            x = b.concat("block" + (s + 1) + ".out", feats);
            if (s < 3) {
                x = b.conv("transition" + (s + 1) + ".conv", x, b.shape(x).c() / 2, 1, 1);
                x = b.pool("transition" + (s + 1) + ".pool", x, 2);
            }
        }
        x = b.gap("avgpool", x);
        b.conv("classifier", x, 1000, 1, 1);
        return b.build();
    }

    /** MobileNet-V2 inverted residuals: (expansion t, channels c, repeats n, stride s). */
    static TensorGraph mobilenetV2() {
        GraphBuilder b = new GraphBuilder("mobilenetv2");
        String x = b.input("image", new Shape(3, 1, 224, 224));
        x = b.conv("features.0", x, 32, 3, 2);
        int[][] cfg = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
        int idx = 1;
        for (int[] c : cfg) {
            for (int i = 0; i < c[2]; i++, idx++) {
                String p = "features." + idx;
                int s = i == 0 ? c[3] : 1;
                long cin = b.shape(x).c();
                String a = x;
                if (c[0] != 1) a = b.conv(p + ".expand", a, cin * c[0], 1, 1);
                a = b.dw(p + ".dw", a, 3, s);
                a = b.conv(p + ".project", a, c[1], 1, 1);
                x = s == 1 && cin == c[1] ? b.eltwise(p + ".add", a, x) : a;
            }
        }
        x = b.conv("features.18", x, 1280, 1, 1);
        x = b.gap("avgpool", x);
        b.conv("classifier", x, 1000, 1, 1);
        return b.build();
    }

    /** MobileNet-V3-Large backbone (dilated last stage, as L-RASPP uses it) and the L-RASPP head. */
    static TensorGraph lraspp() {
        GraphBuilder b = new GraphBuilder("lraspp-mobilenetv3");
        String x = b.input("image", new Shape(3, 1, 224, 224));
        x = b.conv("features.0", x, 16, 3, 2);
        // kernel, expanded, out, squeeze-excite, stride
        int[][] cfg = {{3, 16, 16, 0, 1}, {3, 64, 24, 0, 2}, {3, 72, 24, 0, 1}, {5, 72, 40, 1, 2}, {5, 120, 40, 1, 1},
                {5, 120, 40, 1, 1}, {3, 240, 80, 0, 2}, {3, 200, 80, 0, 1}, {3, 184, 80, 0, 1}, {3, 184, 80, 0, 1},
                {3, 480, 112, 1, 1}, {3, 672, 112, 1, 1}, {5, 672, 160, 1, 1}, {5, 960, 160, 1, 1}, {5, 960, 160, 1, 1}};
        String low = null;
        for (int i = 0; i < cfg.length; i++) {
            int[] c = cfg[i];
            String p = "features." + (i + 1);
            long cin = b.shape(x).c();
            String a = x;
            if (c[1] != cin) a = b.conv(p + ".expand", a, c[1], 1, 1);
            a = b.dw(p + ".dw", a, c[0], c[4]);
            if (c[3] == 1) {
                long sq = Math.max(8, (c[1] / 4 + 4) / 8 * 8);
                String s = b.gap(p + ".se.pool", a);
                s = b.conv(p + ".se.fc1", s, sq, 1, 1);
                s = b.conv(p + ".se.fc2", s, c[1], 1, 1);
                a = b.eltwise(p + ".se.scale", a, s);
            }
            a = b.conv(p + ".project", a, c[2], 1, 1);
            x = c[4] == 1 && cin == c[2] ? b.eltwise(p + ".add", a, x) : a;
            if (i == 5) low = x; // stride 8, 40 channels
        }
        String high = b.conv("features.16", x, 960, 1, 1);
        String cbr = b.conv("head.cbr", high, 128, 1, 1);
        String sc = b.gap("head.scale.pool", high);
        sc = b.conv("head.scale.conv", sc, 128, 1, 1);
        String y = b.eltwise("head.mul", cbr, sc);
        long lh = b.shape(low).h();
        y = b.resize("head.up", y, lh, lh);
        y = b.conv("head.high_classifier", y, 21, 1, 1);
        String l = b.conv("head.low_classifier", low, 21, 1, 1);
        y = b.eltwise("head.add", l, y);
        b.resize("upsample", y, 224, 224);
        return b.build();
    }

    /** R(2+1)D-18: every 3×3×3 conv factored into a 1×3×3 spatial and a 3×1×1 temporal conv (torchvision widths). */
    static TensorGraph r2plus1d() {
        GraphBuilder b = new GraphBuilder("r2plus1d-18");
        String x = b.input("clip", new Shape(3, 16, 112, 112));
        x = b.conv3d("stem.spatial", x, 45, 1, 7, 1, 2, 1);
        x = b.conv3d("stem.temporal", x, 64, 3, 1, 1, 1, 1);
        long[] planes = {64, 128, 256, 512};
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < 2; i++) {
                String p = "layer" + (s + 1) + "." + i;
                int st = i == 0 && s > 0 ? 2 : 1;
                long cin = b.shape(x).c();
                long out = planes[s];
                String a = x;
                for (int c = 1; c <= 2; c++) {
                    long in = c == 1 ? cin : out;
                    long mid = (in * out * 27) / (in * 9 + 3 * out);
                    int stc = c == 1 ? st : 1;
                    a = b.conv3d(p + ".conv" + c + ".spatial", a, mid, 1, 3, 1, stc, 1);
                    a = b.conv3d(p + ".conv" + c + ".temporal", a, out, 3, 1, stc, 1, 1);
                }
                String skip = st == 2 || cin != out ? b.conv3d(p + ".downsample", x, out, 1, 1, st, st, 1) : x;
                x = b.eltwise(p + ".add", a, skip);
            }
        }
        x = b.gap("avgpool", x);
        b.conv("fc", x, 400, 1, 1);
        return b.build();
    }

    /** Temporal-separable conv: 1×k×k spatial (stride s) then k×1×1 temporal (stride s), both to {@code out} channels. */
    private static String sep(GraphBuilder b, String p, String x, long out, int k, int s) {
        String a = b.conv3d(p + ".spatial", x, out, 1, k, 1, s, 1);
        return b.conv3d(p + ".temporal", a, out, k, 1, s, 1, 1);
    }

    /** 3-D pooling with temporal stride st and spatial stride s. */
    private static String pool3d(GraphBuilder b, String op, String x, int st, int s) {
        Shape in = b.shape(x);
        return b.matmul(op, new Shape(in.c(), GraphBuilder.ceil(in.t(), st), GraphBuilder.ceil(in.h(), s), GraphBuilder.ceil(in.w(), s)), x);
    }

    /** S3D (torchvision's definition): separable stem, separable inception blocks, 400 classes. */
    static TensorGraph s3d() {
        GraphBuilder b = new GraphBuilder("s3d");
        String x = b.input("clip", new Shape(3, 16, 224, 224));
        x = sep(b, "features.0", x, 64, 7, 2);
        x = pool3d(b, "features.1", x, 1, 2);
        x = b.conv("features.2", x, 64, 1, 1);
        x = sep(b, "features.3", x, 192, 3, 1);
        x = pool3d(b, "features.4", x, 1, 2);
        // b0, b1 reduce, b1, b2 reduce, b2, b3 (after a 3×3×3 max pool)
        int[][] blocks = {{64, 96, 128, 16, 32, 32}, {128, 128, 192, 32, 96, 64}, {}, {192, 96, 208, 16, 48, 64},
                {160, 112, 224, 24, 64, 64}, {128, 128, 256, 24, 64, 64}, {112, 144, 288, 32, 64, 64},
                {256, 160, 320, 32, 128, 128}, {}, {256, 160, 320, 32, 128, 128}, {384, 192, 384, 48, 128, 128}};
        for (int i = 0; i < blocks.length; i++) {
            String p = "features." + (i + 5);
            int[] c = blocks[i];
            if (c.length == 0) {
                x = pool3d(b, p, x, 2, 2); // features.7 (3×3×3) and features.13 (2×2×2), both stride 2
                continue;
            }
            String b0 = b.conv(p + ".b0", x, c[0], 1, 1);
            String b1 = sep(b, p + ".b1", b.conv(p + ".b1.reduce", x, c[1], 1, 1), c[2], 3, 1);
            String b2 = sep(b, p + ".b2", b.conv(p + ".b2.reduce", x, c[3], 1, 1), c[4], 3, 1);
            String b3 = b.conv(p + ".b3", pool3d(b, p + ".b3.pool", x, 1, 1), c[5], 1, 1);
            x = b.concat(p + ".concat", List.of(b0, b1, b2, b3));
        }
        x = b.gap("avgpool", x);
        b.conv("classifier", x, 400, 1, 1);
        return b.build();
    }

    /**
     * A NAS-like graph for the divide-and-conquer mode: NASNet-style cells, each taking the two previous cells'
     * outputs (reduced by 1×1 convs), with 5 blocks that each add two 3×3 or 5×5 convs over earlier states (wiring
     * from a fixed seed), and the blocks no other block uses concatenated as the cell output. Widths 44/88/176 at
     * 56/28/14 pixels, 4 cells each; a strided 1×1 conv between stages.
     */
    static TensorGraph nasCells() {
        GraphBuilder b = new GraphBuilder("nas-cells-12");
        java.util.Random rnd = new java.util.Random(7);
        String x = b.input("image", new Shape(3, 1, 224, 224));
        x = b.conv("stem0", x, 32, 3, 2);
        String prev = b.conv("stem1", x, 44, 3, 2);
        String prevPrev = prev;
        long[] width = {44, 88, 176};
        int cell = 0;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                prev = b.conv("reduce" + stage, prev, width[stage], 1, 2);
                prevPrev = prev;
            }
            for (int c = 0; c < 4; c++, cell++) {
                String p = "cell" + cell;
                List<String> states = new ArrayList<>();
                states.add(b.conv(p + ".pre0", prevPrev, width[stage], 1, 1));
                states.add(b.conv(p + ".pre1", prev, width[stage], 1, 1));
                boolean[] used = new boolean[7];
                for (int k = 0; k < 5; k++) {
                    int i = rnd.nextInt(states.size());
                    int j = rnd.nextInt(states.size());
                    used[i] = true;
                    used[j] = true;
                    String l = b.gconv(p + ".b" + k + ".left", states.get(i), width[stage], 3 + 2 * rnd.nextInt(2), 1, 1);
                    String r = b.gconv(p + ".b" + k + ".right", states.get(j), width[stage], 3 + 2 * rnd.nextInt(2), 1, 1);
                    states.add(b.eltwise(p + ".b" + k + ".add", l, r));
                }
                List<String> out = new ArrayList<>();
                for (int k = 2; k < states.size(); k++) if (!used[k]) out.add(states.get(k));
                prevPrev = prev;
                prev = out.size() == 1 ? out.get(0) : b.concat(p + ".concat", out);
            }
        }
        x = b.gap("avgpool", prev);
        b.conv("classifier", x, 1000, 1, 1);
        return b.build();
    }

    // ---- Transformers ----

    static TensorGraph encoder(String id, long tokens, int layers, boolean vit) {
        GraphBuilder b = new GraphBuilder(id);
        long d = 768;
        long heads = 12;
        long ff = 3072;
        String x;
        if (vit) {
            String img = b.input("image", new Shape(3, 1, 224, 224));
            String patches = b.conv("patch_embed", img, d, 16, 16);
            x = b.matmul("tokens", new Shape(d, 1, tokens, 1), patches); // flatten, class token, position embedding
        } else {
            x = b.input("embeddings", new Shape(d, 1, tokens, 1));
        }
        for (int l = 0; l < layers; l++) {
            String p = "layer" + l;
            String q = b.linear(p + ".q", x, d);
            String k = b.linear(p + ".k", x, d);
            String v = b.linear(p + ".v", x, d);
            String s = b.matmul(p + ".scores", new Shape(heads * tokens, 1, tokens, 1), q, k);
            s = b.eltwise(p + ".softmax", s);
            String o = b.matmul(p + ".context", new Shape(d, 1, tokens, 1), s, v);
            o = b.linear(p + ".out", o, d);
            x = b.eltwise(p + ".add_norm1", o, x);
            String f = b.linear(p + ".ffn1", x, ff);
            f = b.linear(p + ".ffn2", f, d);
            x = b.eltwise(p + ".add_norm2", f, x);
        }
        if (vit) b.linear("head", b.matmul("cls", new Shape(d, 1, 1, 1), x), 1000);
        return b.build();
    }

    /** Llama-2-7B decoder block: d 4096, 32 heads, FFN 11008; decode reads a 1024-token K and V cache. */
    static TensorGraph llamaBlock(boolean decode) {
        GraphBuilder b = new GraphBuilder(decode ? "llama2-7b-block-decode-1024" : "llama2-7b-block-prefill-1024");
        long d = 4096;
        long heads = 32;
        long ff = 11008;
        long n = decode ? 1 : 1024;
        long ctx = 1024;
        String x = b.input("hidden", new Shape(d, 1, n, 1));
        String h = b.eltwise("input_norm", x);
        String q = b.eltwise("q_rope", b.linear("q_proj", h, d));
        String k = b.eltwise("k_rope", b.linear("k_proj", h, d));
        String v = b.linear("v_proj", h, d);
        String kk = k;
        String vv = v;
        if (decode) {
            String kc = b.cache("k_cache", new Shape(d, 1, ctx - 1, 1));
            String vc = b.cache("v_cache", new Shape(d, 1, ctx - 1, 1));
            kk = b.matmul("k_append", new Shape(d, 1, ctx, 1), kc, k); // concatenation along tokens
            vv = b.matmul("v_append", new Shape(d, 1, ctx, 1), vc, v);
        }
        String s = b.matmul("scores", new Shape(heads * n, 1, ctx, 1), q, kk);
        s = b.eltwise("softmax", s);
        String o = b.matmul("context", new Shape(d, 1, n, 1), s, vv);
        o = b.linear("o_proj", o, d);
        x = b.eltwise("residual1", o, x);
        h = b.eltwise("post_norm", x);
        String g = b.linear("gate_proj", h, ff);
        String u = b.linear("up_proj", h, ff);
        String m = b.eltwise("silu_mul", g, u);
        m = b.linear("down_proj", m, d);
        b.eltwise("residual2", m, x);
        return b.build();
    }
}
