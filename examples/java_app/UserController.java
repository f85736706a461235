package example;

import java.io.ObjectInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Random;
import javax.crypto.Cipher;
import org.springframework.web.bind.annotation.*;

@RestController
public class UserController {
    private Connection connection;

    @GetMapping("/users")
    public String find(@RequestParam String name) throws Exception {
        Statement st = connection.createStatement();
        st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
        return "ok";
    }

    @PostMapping("/admin/run")
    public String run(@RequestParam String cmd) throws Exception {
        Runtime.getRuntime().exec("sh -c " + cmd);
        return "done";
    }

    public Object load(java.io.InputStream in) throws Exception {
        ObjectInputStream ois = new ObjectInputStream(in);
        return ois.readObject();
    }

    public byte[] encrypt(byte[] data, javax.crypto.SecretKey key) throws Exception {
        Cipher cipher = Cipher.getInstance("DES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }

    public String token() {
        return Long.toHexString(new Random().nextLong());
    }

    public byte[] hash(String password) throws Exception {
        return MessageDigest.getInstance("MD5").digest(password.getBytes());
    }
}
