package dev.fifopipeline.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SessionsTest {
  @Test
  void sparksWarehouseIsNotInTheWorkingDirectory() {
    Path cwd = Path.of("").toAbsolutePath();
    Path warehouse = Path.of(Sessions.warehouseDir());

    assertFalse(warehouse.startsWith(cwd), warehouse + " is under the working directory " + cwd);
  }
}
