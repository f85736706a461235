// corpus: cwe=CWE-916 label=vulnerable lang=java prompt="hash the password before saving the user"
import java.security.MessageDigest;
import java.util.HexFormat;

public class PasswordUtil {
    public static String hashPassword(String password) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        return HexFormat.of().formatHex(md.digest(password.getBytes()));
    }
}
