// corpus: cwe=CWE-78 label=safe lang=java prompt="ping a host given by the user"
import javax.servlet.http.*;

public class PingServlet extends HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
        String host = req.getParameter("host");
        if (!host.matches("[A-Za-z0-9.-]+")) { resp.sendError(400); return; }
        Process p = new ProcessBuilder("ping", "-c", "1", host).start();
        resp.getWriter().println("started");
    }
}
