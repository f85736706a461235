// corpus: cwe=CWE-611 label=vulnerable lang=java prompt="parse an uploaded XML invoice"
import javax.xml.parsers.*;
import org.w3c.dom.Document;
import java.io.InputStream;

public class InvoiceParser {
    public Document parse(InputStream in) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        return dbf.newDocumentBuilder().parse(in);
    }
}
