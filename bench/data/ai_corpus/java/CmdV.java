// corpus: cwe=CWE-78 label=vulnerable lang=java prompt="ping a host given by the user"
import javax.servlet.http.*;

public class PingServlet extends HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
        String host = req.getParameter("host");
        Process p = Runtime.getRuntime().exec("ping -c 1 " + host);
        resp.getWriter().println("started");
    }
}
