// The city directory (danh bạ thư điện tử thành phố; QĐ 50/2009 Điều 4-5, issue 5): model, file formats, validation,
// storage in the profile cache, search and matching. Pure Node: no Electron, React or DOM. See docs/directory.md.
export { DirectoryIndex, CLOSE_MARGIN } from './search.ts';
export { validateRaw, isValidAddress, type Validated } from './validate.ts';
export {
  FORMATS,
  formatFromName,
  sniffFormat,
  decodeText,
  parseDirectory,
  readDirectory,
  writeDirectory,
  type ReadOptions,
} from './io.ts';
export { loadDirectory, saveDirectory, saveLdapDirectory, directoryInfo, directoryRevision } from './store.ts';
export { ldapConfigSchema, type LdapConfig, type LdapConfigInput } from './ldap/config.ts';
export { syncLdap, type LdapSyncOptions } from './ldap/sync.ts';
export { parseJsonWithLines } from './formats/json.ts';
export { parseCsv } from './formats/csv.ts';
export { parseXlsx } from './formats/xlsx.ts';
export { readZip, writeZip } from './formats/zip.ts';
export { COLUMNS, VI_HEADERS, columnOf } from './formats/tabular.ts';
