package einsim.workloads.llm;

/** Model families, chosen from {@code config.json}'s {@code model_type} (never from the model id). */
public enum Family {
    LLAMA("llama"), MISTRAL("mistral"), MIXTRAL("mixtral"), QWEN2("qwen2"), OPT("opt"), GPT2("gpt2"), PHI("phi"),
    BERT("bert"), T5("t5");

    private final String modelType;

    Family(String modelType) { this.modelType = modelType; }

    public String modelType() { return modelType; }

    /** The family of a {@code model_type}, or null. */
    public static Family of(String modelType) {
        for (Family f : values()) if (f.modelType.equals(modelType)) return f;
        return null;
    }
}
