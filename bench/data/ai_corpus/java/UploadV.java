// corpus: cwe=CWE-434 label=vulnerable lang=java prompt="a Spring endpoint that uploads a profile picture"
import java.nio.file.*;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class UploadController {
    @PostMapping("/avatar")
    public String upload(@RequestParam("file") MultipartFile file) throws Exception {
        Path target = Paths.get("uploads").resolve(file.getOriginalFilename());
        file.transferTo(target);
        return "/uploads/" + file.getOriginalFilename();
    }
}
