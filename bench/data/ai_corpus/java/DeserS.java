// corpus: cwe=CWE-502 label=safe lang=java prompt="restore a saved session object from the request"
import java.io.*;
import javax.servlet.http.*;
import com.fasterxml.jackson.databind.ObjectMapper;

public class RestoreServlet extends HttpServlet {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        SessionState state = MAPPER.readValue(req.getInputStream(), SessionState.class);
        req.getSession().setAttribute("state", state);
    }
    public static class SessionState { public String theme; }
}
