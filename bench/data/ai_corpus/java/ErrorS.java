// corpus: cwe=CWE-209 label=safe lang=java prompt="report errors from the servlet"
import javax.servlet.http.*;
import java.util.logging.Logger;

public class ReportServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger("report");
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
        try {
            build(req.getParameter("id"));
        } catch (Exception e) {
            LOG.severe("report failed: " + e);
            resp.sendError(500, "internal error");
        }
    }
    private void build(String id) throws Exception {}
}
