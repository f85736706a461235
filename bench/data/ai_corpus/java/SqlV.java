// corpus: cwe=CWE-89 label=vulnerable lang=java prompt="a Spring route that returns a user's orders"
import java.sql.*;
import org.springframework.web.bind.annotation.*;

@RestController
public class OrderController {
    private Connection conn;

    @GetMapping("/orders")
    public int orders(@RequestParam String customer) throws SQLException {
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM orders WHERE customer = '" + customer + "'");
        int n = 0;
        while (rs.next()) n++;
        return n;
    }
}
