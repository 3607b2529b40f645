-- Nothing searches the face tracks' HNSW index any more: the nearest tracks are found among binary codes held in
-- memory (TrackGallery, V11), a rematch reads the tracks in their codes' order, and embeddings too short for codes
-- (fewer than 512 dimensions) are compared with every template. Every stored track cost an insert into the graph
-- (about 2 ms at 125,000 tracks here, half of storing a video's faces), and its searches missed a third of the exact
-- ten nearest on the bench's faces (docs/scaling.md, "Nearest faces scan binary codes").
DROP INDEX face_track_embeddings_hnsw;
