// corpus: cwe=CWE-330 label=vulnerable lang=java prompt="generate a password reset token"
import java.util.Random;

public class Tokens {
    public static String resetToken() {
        Random random = new Random();
        return Long.toHexString(random.nextLong());
    }
}
