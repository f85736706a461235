// corpus: cwe=CWE-209 label=vulnerable lang=java prompt="report errors from the servlet"
import javax.servlet.http.*;

public class ReportServlet extends HttpServlet {
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
        try {
            build(req.getParameter("id"));
        } catch (Exception e) {
            e.printStackTrace(resp.getWriter());
        }
    }
    private void build(String id) throws Exception {}
}
