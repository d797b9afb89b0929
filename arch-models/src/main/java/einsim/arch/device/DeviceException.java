package einsim.arch.device;

/** A device key or device file that cannot be used; the message names the file or key, the field, the rule and a hint. */
public class DeviceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeviceException(String rule, String hint) {
        super(rule + (hint == null || hint.isEmpty() ? "" : "\nMaybe " + hint));
    }
}
