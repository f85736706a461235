// corpus: cwe=CWE-502 label=vulnerable lang=java prompt="restore a saved session object from the request"
import java.io.*;
import javax.servlet.http.*;

public class RestoreServlet extends HttpServlet {
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try (ObjectInputStream in = new ObjectInputStream(req.getInputStream())) {
            Object state = in.readObject();
            req.getSession().setAttribute("state", state);
        } catch (ClassNotFoundException e) {
            resp.sendError(400);
        }
    }
}
