// The attachment risk rule (src/shared/attachment-risk.ts; QĐ 50/2009 Điều 8): by extension AND by declared content type.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { attachmentRisk, mayHandOut } from '../../src/shared/attachment-risk.ts';

const risk = (filename: string, contentType = 'application/octet-stream') => attachmentRisk({ filename, contentType });

describe('attachment risk', () => {
  test('the types of issue 4 are blocked or warned', () => {
    const expected: Record<string, ['block' | 'warn', string]> = {
      'cai-dat.exe': ['block', 'executable'],
      'bao-cao.js': ['block', 'script'],
      'macro.vbs': ['block', 'script'],
      'man-hinh.scr': ['block', 'executable'],
      'chay.bat': ['block', 'script'],
      'chay.cmd': ['block', 'script'],
      'lenh.ps1': ['block', 'script'],
      'Công văn.lnk': ['block', 'shortcut'],
      'dia.iso': ['block', 'disk-image'],
      'Tờ trình.docm': ['warn', 'macro-document'],
      'Bảng kê.xlsm': ['warn', 'macro-document'],
      'ung-dung.msi': ['block', 'installer'],
      'thue-dien-tu.apk': ['block', 'installer'],
      'trang.hta': ['block', 'script'],
      'tro-giup.chm': ['block', 'script'],
      'dia-ao.vhdx': ['block', 'disk-image'],
      'so-tay.one': ['warn', 'active-content'],
      'trang.html': ['warn', 'active-content'],
      'loi-tat.url': ['block', 'shortcut'],
    };
    for (const [name, [level, reason]] of Object.entries(expected)) {
      const r = risk(name);
      assert.equal(r.level, level, name);
      assert.equal(r.reason, reason, name);
    }
  });

  test('ordinary office files pass, including XML e-invoices and archives', () => {
    for (const name of [
      'Công văn số 45-UBND.pdf',
      'Quyết định.docx',
      'Bảng lương.xlsx',
      'Trình chiếu.pptx',
      'Hóa đơn điện tử 0001234.xml',
      'Hồ sơ.zip',
      'Ảnh chụp.jpg',
      'van-ban.doc',
      'du-lieu.csv',
    ]) {
      assert.equal(risk(name).level, 'none', name);
      assert.ok(mayHandOut({ filename: name, contentType: 'application/octet-stream' }), name);
    }
  });

  test('case, trailing dots and spaces do not hide the extension (Windows drops them)', () => {
    assert.equal(risk('CAI-DAT.EXE').level, 'block');
    assert.equal(risk('cai-dat.exe.').level, 'block');
    assert.equal(risk('cai-dat.exe  ').level, 'block');
    assert.equal(risk('cai-dat.Exe').extension, 'exe');
  });

  test('disguised names: double extension, padding, bidi override, CLSID', () => {
    assert.deepEqual(risk('Hóa đơn.pdf.exe'), { level: 'block', reason: 'disguised-name', extension: 'exe' });
    assert.equal(risk('Báo cáo.pdf                    .exe').reason, 'disguised-name');
    // "Hóa đơn\u202Efdp.exe" shows as "Hóa đơnexe.pdf".
    assert.equal(risk('Hóa đơn\u202Efdp.exe').reason, 'disguised-name');
    assert.equal(risk('Báo cáo\u202Excod.txt').level, 'block');
    assert.equal(risk('tai-lieu.{3050f4d8-98b5-11cf-bb82-00aa00bdce0b}').level, 'block');
    // A plain second dot is no disguise.
    assert.equal(risk('QĐ số 12.2025.pdf').level, 'none');
  });

  test('the content type counts too: a "PDF" sent as a program is blocked, a macro type warns', () => {
    assert.deepEqual(risk('Công văn.pdf', 'application/x-msdownload'), {
      level: 'block',
      reason: 'type-mismatch',
      extension: 'pdf',
    });
    assert.equal(risk('tep', 'application/x-msdownload').reason, 'executable');
    assert.equal(risk('tep', 'application/x-msdownload; name="a.exe"').level, 'block');
    assert.equal(risk('bao-cao.txt', 'text/javascript').level, 'block');
    assert.equal(risk('Tờ trình.docx', 'application/vnd.ms-word.document.macroEnabled.12').level, 'warn');
    assert.equal(risk('a.iso', 'application/pdf').level, 'block', 'the stricter of the two wins');
    assert.equal(risk('Công văn.pdf', 'application/pdf').level, 'none');
  });
});
