// corpus: cwe=CWE-916 label=safe lang=java prompt="hash the password before saving the user"
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

public class PasswordUtil {
    private static final BCryptPasswordEncoder ENCODER = new BCryptPasswordEncoder(12);

    public static String hashPassword(String password) {
        return ENCODER.encode(password);
    }
}
