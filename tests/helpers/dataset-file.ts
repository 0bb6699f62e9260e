/**
 * The bundled dataset file (prisma/seed/musk-openai.yaml) for tests of the seed and its loader:
 * the parsed dataset, and edited copies of the file to see how the loader rejects a mistake.
 * Call `datasetFile()` once at the top of a test file; it registers its own setup and clean-up.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { parseDocument } from 'yaml';
import { DatasetError, DEFAULT_DATASET_PATH, loadDataset, type Dataset } from '../../src/seed/dataset.js';

export interface DatasetFile {
  /** The bundled dataset, loaded and validated once before the file's tests. */
  readonly dataset: Dataset;
  /**
   * Writes a copy of the dataset file with the value at `path` replaced (comments and layout kept,
   * so line numbers in error messages match the original) and returns the copy's path.
   */
  brokenCopy(name: string, path: (string | number)[], value: unknown): Promise<string>;
  /** Loads a file that must be rejected and returns the DatasetError. */
  loadError(file: string): Promise<DatasetError>;
}

export function datasetFile(): DatasetFile {
  let dataset: Dataset | undefined;
  let scratch: string | undefined;

  beforeAll(async () => {
    dataset = await loadDataset(DEFAULT_DATASET_PATH);
    scratch = await mkdtemp(join(tmpdir(), 'dataset-file-'));
  });
  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  return {
    get dataset() {
      if (!dataset) throw new Error('the dataset is loaded in beforeAll: use it inside a test');
      return dataset;
    },
    async brokenCopy(name, path, value) {
      if (!scratch) throw new Error('the scratch directory is created in beforeAll: use it inside a test');
      const document = parseDocument(await readFile(DEFAULT_DATASET_PATH, 'utf8'));
      document.setIn(path, value);
      const file = join(scratch, name);
      await writeFile(file, document.toString());
      return file;
    },
    async loadError(file) {
      const error = await loadDataset(file).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatasetError);
      return error as DatasetError;
    },
  };
}
