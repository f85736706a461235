// corpus: cwe=CWE-330 label=safe lang=java prompt="generate a password reset token"
import java.security.SecureRandom;
import java.util.HexFormat;

public class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String resetToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
