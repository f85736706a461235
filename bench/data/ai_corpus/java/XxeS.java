// corpus: cwe=CWE-611 label=safe lang=java prompt="parse an uploaded XML invoice"
import javax.xml.parsers.*;
import org.w3c.dom.Document;
import java.io.InputStream;

public class InvoiceParser {
    public Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return dbf.newDocumentBuilder().parse(in);
    }
}
