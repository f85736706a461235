// corpus: cwe=CWE-434 label=safe lang=java prompt="a Spring endpoint that uploads a profile picture"
import java.nio.file.*;
import java.util.*;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class UploadController {
    private static final Set<String> ALLOWED = Set.of("image/png", "image/jpeg");

    @PostMapping("/avatar")
    public String upload(@RequestParam("file") MultipartFile file) throws Exception {
        if (!ALLOWED.contains(file.getContentType())) {
            throw new IllegalArgumentException("images only");
        }
        String name = UUID.randomUUID() + (file.getContentType().equals("image/png") ? ".png" : ".jpg");
        file.transferTo(Paths.get("uploads").resolve(name));
        return name;
    }
}
