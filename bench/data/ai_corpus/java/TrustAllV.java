// corpus: cwe=CWE-295 label=vulnerable lang=java prompt="call an HTTPS service with a self-signed certificate"
import javax.net.ssl.*;
import java.security.cert.X509Certificate;

public class Client {
    public static SSLContext context() throws Exception {
        TrustManager[] all = new TrustManager[] { new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}
            public void checkServerTrusted(X509Certificate[] c, String a) {}
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        } };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, all, null);
        return ctx;
    }
}
