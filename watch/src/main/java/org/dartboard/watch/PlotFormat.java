package org.dartboard.watch;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats of {@code --plot}, chosen by the file's extension. */
enum PlotFormat {
    /** A raster image, for viewing and for documents. */
    PNG,
    /** A vector drawing, sharp at any size, for the web and for print. */
    SVG;

    /** The format named by the file's extension ({@code .png} or {@code .svg}, any case), if it is one. */
    static Optional<PlotFormat> of(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return Optional.of(PNG);
        }
        if (lower.endsWith(".svg")) {
            return Optional.of(SVG);
        }
        return Optional.empty();
    }
}
