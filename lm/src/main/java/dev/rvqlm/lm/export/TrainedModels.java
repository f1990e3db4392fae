package dev.rvqlm.lm.export;

import dev.rvqlm.lm.LmModel;
import dev.rvqlm.lm.LmTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a trained model from what a user names: a run directory of {@code rvq train} or {@code eval} (its
 * checkpoint), a checkpoint file, or an export directory ({@link TorchExport}, also after {@code rvqlm_torch.save}).
 */
public final class TrainedModels {

    private TrainedModels() {}

    public static LmModel open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            if (Files.exists(path.resolve(TorchExport.CONFIG)) && Files.exists(path.resolve(TorchExport.WEIGHTS))) {
                return TorchExport.read(path);
            }
            Path checkpoint = path.resolve(LmTrainer.CHECKPOINT);
            if (!Files.exists(checkpoint)) {
                throw new IllegalArgumentException(path + ": neither a run directory (no " + LmTrainer.CHECKPOINT
                        + ") nor an export (no " + TorchExport.CONFIG + " and " + TorchExport.WEIGHTS + ")");
            }
            return LmModel.load(checkpoint);
        }
        return LmModel.load(path);
    }
}
