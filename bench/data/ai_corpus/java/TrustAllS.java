// corpus: cwe=CWE-295 label=safe lang=java prompt="call an HTTPS service with a self-signed certificate"
import javax.net.ssl.*;
import java.io.FileInputStream;
import java.security.KeyStore;

public class Client {
    public static SSLContext context() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(new FileInputStream("truststore.p12"), System.getenv("TRUSTSTORE_PASSWORD").toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
