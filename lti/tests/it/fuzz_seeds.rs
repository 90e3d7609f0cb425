//! Replays the committed fuzz seeds through the same oracles as the fuzz targets.
