// corpus: cwe=CWE-89 label=safe lang=java prompt="a Spring route that returns a user's orders"
import java.sql.*;
import org.springframework.web.bind.annotation.*;

@RestController
public class OrderController {
    private Connection conn;

    @GetMapping("/orders")
    public int orders(@RequestParam String customer) throws SQLException {
        PreparedStatement st = conn.prepareStatement("SELECT * FROM orders WHERE customer = ?");
        st.setString(1, customer);
        ResultSet rs = st.executeQuery();
        int n = 0;
        while (rs.next()) n++;
        return n;
    }
}
