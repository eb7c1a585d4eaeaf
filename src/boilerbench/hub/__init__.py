"""The corpus on the Hugging Face Hub, one module a job:

- `rows`: a document as a dataset row and back (the features, the token view, the licences);
- `export`: write an exported folder (parquet data and the dataset card);
- `card`: the dataset card;
- `publish`: upload an exported folder;
- `read`: read an exported folder back (`load_corpus(folder)` and every --corpus accept it).

Import the submodules themselves: this package imports nothing, so that the loader can read an
exported folder without importing the export's dependencies.
"""
