#!/usr/bin/env python3
"""Fills translations/imgopt_de.ts with the German texts below (run after `cmake --build build --target
imgopt_gui_lupdate` added new source texts). Texts not listed stay unfinished, so lrelease warns about them."""
import sys
import xml.etree.ElementTree as ET

DE = {
    'Lossless': 'Verlustfrei',
    'Near-lossless': 'Nahezu verlustfrei',
    'Excellent': 'Ausgezeichnet',
    'Good': 'Gut',
    'Fair': 'Ordentlich',
    'Poor': 'Schwach',
    'Very poor': 'Sehr schwach',
    'About ImgOpt': 'Über ImgOpt',
    '<h2>ImgOpt %1</h2><p>Batch image optimizer: drop folders, watch them get smaller.</p>%2':
        '<h2>ImgOpt %1</h2><p>Bilder stapelweise optimieren: Ordner ablegen und zusehen, wie sie kleiner werden.</p>%2',
    'ImgOpt %1\nQt %2 (built with %3)\nlibvips %4': 'ImgOpt %1\nQt %2 (erstellt mit %3)\nlibvips %4',
    'saved %1 (%2 %)': '%1 gespart (%2 %)',
    '%1 left': 'noch %1',
    'paused': 'angehalten',
    'waiting for Start': 'wartet auf Start',
    'cancelling…': 'wird abgebrochen …',
    'finished in %1': 'fertig in %1',
    '%1 of %2 files': '%1 von %2 Dateien',
    '%n failed': ('%n fehlgeschlagen', '%n fehlgeschlagen'),
    '%1 s': '%1 s',
    '?': '?',
    'Optimized': 'Optimiert',
    'Kept original': 'Original behalten',
    'Skipped': 'Übersprungen',
    'Failed': 'Fehlgeschlagen',
    'Same as input': 'Wie Eingabe',
    '%1 · %2': '%1 · %2',
    'ImgOpt': 'ImgOpt',
    'Settings changes apply to the next run.': 'Geänderte Einstellungen gelten ab dem nächsten Durchlauf.',
    'Ready. Drop images or folders to optimize them.': 'Bereit. Bilder oder Ordner ablegen, um sie zu optimieren.',
    'Add &Files…': '&Dateien hinzufügen …',
    'Add F&older…': '&Ordner hinzufügen …',
    '&Export Benchmark Report…': 'Benchmark-Bericht &exportieren …',
    'Open O&utput Folder': '&Ausgabeordner öffnen',
    '&Quit': '&Beenden',
    '&Preferences / Presets…': '&Einstellungen / Vorlagen …',
    '&Start': '&Start',
    '&Pause': '&Pause',
    '&Cancel': 'A&bbrechen',
    '&About ImgOpt': '&Über ImgOpt',
    'About &Qt': 'Über &Qt',
    'Report written to %1': 'Bericht gespeichert unter %1',
    '&File': '&Datei',
    '&Edit': '&Bearbeiten',
    '&Run': '&Durchlauf',
    '&View': '&Ansicht',
    '&Help': '&Hilfe',
    'Settings': 'Einstellungen',
    'Metrics': 'Messwerte',
    'Summary': 'Zusammenfassung',
    'Cannot start: %1': 'Start nicht möglich: %1',
    'Scanning %n item(s)…': ('%n Eintrag wird durchsucht …', '%n Einträge werden durchsucht …'),
    '&Resume': '&Fortsetzen',
    '%n file(s) were not images and were left alone.':
        ('%n Datei war kein Bild und wurde nicht angerührt.', '%n Dateien waren keine Bilder und wurden nicht angerührt.'),
    '%n path(s) could not be read: %1':
        ('%n Pfad konnte nicht gelesen werden: %1', '%n Pfade konnten nicht gelesen werden: %1'),
    'No images were found.': 'Es wurden keine Bilder gefunden.',
    'Add Files': 'Dateien hinzufügen',
    'Images (*.jpg *.jpeg *.png *.webp *.avif *.heic *.heif *.tif *.tiff *.gif);;All files (*)':
        'Bilder (*.jpg *.jpeg *.png *.webp *.avif *.heic *.heif *.tif *.tiff *.gif);;Alle Dateien (*)',
    'Images (%1);;All files (*)': 'Bilder (%1);;Alle Dateien (*)',
    'Add Folder': 'Ordner hinzufügen',
    'No output has been written yet.': 'Es wurde noch keine Ausgabe geschrieben.',
    'Preset applied.': 'Vorlage angewendet.',
    '%n file(s) moved to the front of the queue.':
        ('%n Datei an den Anfang der Warteschlange gestellt.', '%n Dateien an den Anfang der Warteschlange gestellt.'),
    'These files have already started.': 'Diese Dateien werden bereits bearbeitet.',
    '%n file(s) had already started and stay in the list.':
        ('%n Datei wurde bereits begonnen und bleibt in der Liste.',
         '%n Dateien wurden bereits begonnen und bleiben in der Liste.'),
    '%n queued file(s) of the running batch stay in the list until it ends.':
        ('%n wartende Datei des laufenden Durchlaufs bleibt bis zu dessen Ende in der Liste.',
         '%n wartende Dateien des laufenden Durchlaufs bleiben bis zu dessen Ende in der Liste.'),
    'Throughput': 'Durchsatz',
    'images/s': 'Bilder/s',
    'seconds': 'Sekunden',
    'Throughput (images/s)': 'Durchsatz (Bilder/s)',
    'Memory (MiB)': 'Speicher (MiB)',
    'RSS': 'RSS',
    'Available': 'Verfügbar',
    'Batch budget': 'Stapelbudget',
    'Batch sizes (tasks)': 'Stapelgrößen (Aufgaben)',
    'Tasks': 'Aufgaben',
    'batch': 'Stapel',
    'Worker utilisation (%)': 'Auslastung der Worker (%)',
    'Busy': 'Belegt',
    'worker': 'Worker',
    'Elapsed': 'Verstrichen',
    'Files': 'Dateien',
    '%1 of %2': '%1 von %2',
    'Images/s': 'Bilder/s',
    'Input MB/s': 'Eingabe MB/s',
    'Read': 'Gelesen',
    'Written': 'Geschrieben',
    'Peak RSS': 'Höchster RSS',
    'Batches': 'Stapel',
    'Workers': 'Worker',
    '%1 busy of %2 × %3 threads': '%1 belegt von %2 × %3 Threads',
    '&Start optimizing as soon as files are dropped': 'Optimierung &sofort nach dem Ablegen von Dateien starten',
    'Save &Current Settings As…': 'Aktuelle Einstellungen &speichern unter …',
    '&Apply': '&Anwenden',
    '&Delete': '&Löschen',
    'Preferences': 'Einstellungen',
    'General': 'Allgemein',
    'Presets': 'Vorlagen',
    'Presets are JSON files; the command line reads them with <tt>imgopt --preset FILE</tt>.':
        'Vorlagen sind JSON-Dateien; die Kommandozeile liest sie mit <tt>imgopt --preset DATEI</tt>.',
    'Open &Folder': '&Ordner öffnen',
    'Save Preset': 'Vorlage speichern',
    'Preset &name:': '&Name der Vorlage:',
    'Replace the preset “%1”?': 'Die Vorlage „%1“ ersetzen?',
    'Delete Preset': 'Vorlage löschen',
    'Delete the preset “%1”?': 'Die Vorlage „%1“ löschen?',
    'A preset needs a name.': 'Eine Vorlage braucht einen Namen.',
    'A preset name cannot contain slashes or start with a dot.':
        'Der Name einer Vorlage darf keine Schrägstriche enthalten und nicht mit einem Punkt beginnen.',
    'Cannot create the folder %1.': 'Der Ordner %1 kann nicht angelegt werden.',
    'Cannot delete the preset %1.': 'Die Vorlage %1 kann nicht gelöscht werden.',
    'Queued': 'Wartend',
    'File': 'Datei',
    'Folder': 'Ordner',
    'Format': 'Format',
    'Before': 'Vorher',
    'After': 'Nachher',
    'Saving': 'Ersparnis',
    'Time': 'Zeit',
    'Status': 'Status',
    '%1 → %2': '%1 → %2',
    '%1 %': '%1 %',
    '%1: %2': '%1: %2',
    '%1\n→ %2': '%1\n→ %2',
    'S&how:': '&Anzeigen:',
    'Preview': 'Vorschau',
    'Drop images or folders here': 'Bilder oder Ordner hier ablegen',
    '&Add Files…': 'Dateien hin&zufügen …',
    '%1 files, one by one or whole folders': 'Dateien im Format %1, einzeln oder als ganze Ordner',
    'Release to add them to the queue': 'Loslassen, um sie der Warteschlange hinzuzufügen',
    'Only files and folders on this computer can be added':
        'Nur Dateien und Ordner auf diesem Computer können hinzugefügt werden',
    'Throughput, memory, batch sizes and worker load are charted here once a run starts.':
        'Sobald ein Durchlauf startet, zeigen Diagramme hier Durchsatz, Speicher, Stapelgrößen und Auslastung der Worker.',
    'All files': 'Alle Dateien',
    'Dismiss': 'Ausblenden',
    'Process &Next': 'Als &Nächstes bearbeiten',
    '&Remove': '&Entfernen',
    '&Open': 'Ö&ffnen',
    'Show Output in &Folder': 'Ausgabe im &Ordner zeigen',
    'Unknown report format for %1. Use .json, .csv, .md or .html.':
        'Unbekanntes Berichtsformat für %1. Bitte .json, .csv, .md oder .html verwenden.',
    'There is no run to report yet. Optimize some images first.':
        'Es gibt noch keinen Durchlauf für einen Bericht. Bitte zuerst Bilder optimieren.',
    'JSON (*.json)': 'JSON (*.json)',
    'CSV, one row per file (*.csv)': 'CSV, eine Zeile pro Datei (*.csv)',
    'Markdown (*.md)': 'Markdown (*.md)',
    'HTML with charts (*.html)': 'HTML mit Diagrammen (*.html)',
    'Export Benchmark Report': 'Benchmark-Bericht exportieren',
    'The report could not be written.\n\n%1': 'Der Bericht konnte nicht geschrieben werden.\n\n%1',
    'Same as global': 'Wie global',
    'Output': 'Ausgabe',
    '&Format:': '&Format:',
    '&Quality:': '&Qualität:',
    'Keep size': 'Größe beibehalten',
    'Width': 'Breite',
    'Height': 'Höhe',
    'Long edge': 'Lange Kante',
    'Short edge': 'Kurze Kante',
    ' px': ' px',
    '&Resize:': '&Größe ändern:',
    'Strip all': 'Alle entfernen',
    'Keep colour profile': 'Farbprofil behalten',
    'Keep all': 'Alle behalten',
    '&Metadata:': '&Metadaten:',
    'Keep file &dates': 'Datei&datum beibehalten',
    '&Never make a file bigger': 'Datei &nie vergrößern',
    'When the optimized file would be larger, keep the original instead.':
        'Wäre die optimierte Datei größer, bleibt stattdessen das Original erhalten.',
    'Destination': 'Ziel',
    '“optimized” subfolder': 'Unterordner „optimized“',
    'Chosen folder (mirrors the tree)': 'Gewählter Ordner (mit gleicher Ordnerstruktur)',
    'Beside the original, with a suffix': 'Neben dem Original, mit Namenszusatz',
    'Replace the originals (in place)': 'Originale ersetzen',
    '&Save to:': 'Speichern &in:',
    'Choose a folder…': 'Ordner wählen …',
    '&Browse…': '&Durchsuchen …',
    'F&older:': '&Ordner:',
    'Su&ffix:': 'Namens&zusatz:',
    'Add a number': 'Nummer anhängen',
    'Overwrite': 'Überschreiben',
    'Skip the file': 'Datei überspringen',
    'If the output e&xists:': 'Wenn die Ausgabe e&xistiert:',
    '&JPEG quality:': '&JPEG-Qualität:',
    '&PNG quality:': '&PNG-Qualität:',
    '&WebP quality:': '&WebP-Qualität:',
    '&AVIF quality:': '&AVIF-Qualität:',
    'Automatic (%1)': 'Automatisch (%1)',
    'Parallel &jobs:': 'Parallele A&ufträge:',
    ' MP': ' MP',
    'Larger images are refused before decoding (decompression bombs).':
        'Größere Bilder werden vor dem Dekodieren abgelehnt (Dekompressionsbomben).',
    'Pi&xel limit:': 'Pi&xelgrenze:',
    'Include &hidden files': '&Versteckte Dateien einbeziehen',
    'Ad&vanced': '&Erweitert',
    'Replace the originals?': 'Originale ersetzen?',
    'Optimized files will replace the original files, and only when they are smaller. Each original goes to the Trash first; Edit > Undo Last Run puts them back.':
        'Die optimierten Dateien ersetzen die Originaldateien, und nur wenn sie kleiner sind. Jedes Original '
        'kommt zuerst in den Papierkorb; Bearbeiten > Letzten Durchlauf rückgängig machen holt sie zurück.',
    'Output Folder': 'Ausgabeordner',
    'Show Failed Files in the &Queue': 'Fehlgeschlagene Dateien in der &Warteschlange zeigen',
    'No run has finished yet.': 'Es ist noch kein Durchlauf abgeschlossen.',
    '&Failures:': '&Fehler:',
    'Finished: %1 optimized, %2 kept original, %3 skipped, %4 failed · saved %5 (%6 %) in %7':
        'Fertig: %1 optimiert, %2 Original behalten, %3 übersprungen, %4 fehlgeschlagen · %5 gespart (%6 %) in %7',
    'Saved': 'Gespart',
    '%1 (%2 %)': '%1 (%2 %)',
    'Not images': 'Keine Bilder',
    'None': 'Keine',
    'Images (%1);;All files (*)': 'Bilder (%1);;Alle Dateien (*)',
    # Quality auto and the compare view.
    'A&utomatic: smallest file that looks the same': 'A&utomatisch: kleinste Datei, die gleich aussieht',
    'Per image, the smallest file that still meets the visual target below, instead of one fixed quality.':
        'Je Bild die kleinste Datei, die das Sichtziel darunter noch erfüllt, statt einer festen Qualität.',
    'How close to the original an automatic quality must stay.':
        'Wie nah eine automatische Qualität am Original bleiben muss.',
    'High: looks the same': 'Hoch: sieht gleich aus',
    'Balanced': 'Ausgewogen',
    'Small': 'Klein',
    'Auto · per image': 'Auto · je Bild',
    'Auto': 'Auto',
    '&Compare…': '&Vergleichen …',
    'Compare the original and the optimized file (Ctrl+D, or double-click a finished row)':
        'Original und optimierte Datei vergleichen (Strg+D oder Doppelklick auf eine fertige Zeile)',
    'Original': 'Original',
    'Difference': 'Differenz',
    'Compare': 'Vergleich',
    '&Split': '&Geteilt',
    'Side &by Side': '&Nebeneinander',
    '&Difference': '&Differenz',
    '&Fit': '&Einpassen',
    '&100 %': '&100 %',
    '&200 %': '&200 %',
    '&Previous': '&Vorherige',
    '&Next': '&Nächste',
    'Loading…': 'Wird geladen …',
    'Compare: %1 (%2 of %3)': 'Vergleich: %1 (%2 von %3)',
    'Original %1 → optimized %2': 'Original %1 → optimiert %2',
    'saved %1 %': '%1 % gespart',
    'score %1 (SSIM)': 'Bewertung %1 (SSIM)',
    'quality %1': 'Qualität %1',
    'quality %1, %2': 'Qualität %1, %2',
    'lossy': 'verlustbehaftet',
    'lossy, full colour resolution': 'verlustbehaftet, volle Farbauflösung',
    'palette': 'Palette',
    'near-lossless truecolour': 'nahezu verlustfreie Echtfarben',
    'lossless': 'verlustfrei',
    '%1 × %2 px': '%1 × %2 px',
    # Hints and summary lines from main's error-hint and scan-summary work.
    '%1 (raise the pixel limit under Settings, Advanced)': '%1 (Pixelgrenze unter Einstellungen, Erweitert anheben)',
    '%1 (Settings, Destination: If the output exists)': '%1 (Einstellungen, Ziel: Wenn die Ausgabe existiert)',
    '%n hidden file(s) or folder(s) were left out (Settings, Advanced: Include hidden files).':
        ('%n versteckte Datei oder versteckter Ordner wurde ausgelassen (Einstellungen, Erweitert: Versteckte Dateien einbeziehen).',
         '%n versteckte Dateien oder Ordner wurden ausgelassen (Einstellungen, Erweitert: Versteckte Dateien einbeziehen).'),
    '%n file(s) were reached twice and are optimized once.':
        ('%n Datei wurde doppelt erreicht und wird einmal optimiert.',
         '%n Dateien wurden doppelt erreicht und werden einmal optimiert.'),
    'Hidden, left out': 'Versteckt, ausgelassen',
    'Reached twice': 'Doppelt erreicht',
    # The worker timeline and the memory chart (main's memory-model work).
    '%1\n%2: %3 s to %4 s (%5 ms)': '%1\n%2: %3 s bis %4 s (%5 ms)',
    '%n files': ('%n Datei', '%n Dateien'),
    'Memory (MiB), 1 in %1 of %2 samples shown': 'Speicher (MiB), jeder %1. von %2 Messwerten gezeigt',
    'Workers: a bar per file, thin bars validation': 'Worker: ein Balken je Datei, schmale Balken Prüfung',
    'Workers: the last %n files, thin bars validation': ('Worker: die letzte Datei, schmale Balken Prüfung',
                                                         'Worker: die letzten %n Dateien, schmale Balken Prüfung'),
    'optimized': 'optimiert',
    'validated': 'geprüft',
    '&Undo Last Run': 'Letzten Durchlauf &rückgängig machen',
    'Put back the originals of the last in-place run, from the Trash':
        'Die Originale des letzten Durchlaufs „Originale ersetzen“ aus dem Papierkorb zurückholen',
    'Processing %n file(s) again.': ('%n Datei wird erneut bearbeitet.', '%n Dateien werden erneut bearbeitet.'),
    'Putting the originals back…': 'Originale werden zurückgeholt …',
    'Undo Last Run': 'Letzten Durchlauf rückgängig machen',
    'Up to date': 'Aktuell',
    'Already optimized': 'Bereits optimiert',
    "%1\nProcess Again (in the row's menu) redoes it.": '%1\nErneut bearbeiten (im Menü der Zeile) wiederholt es.',
    'Process &Again': '&Erneut bearbeiten',
    'Optimize files that were up to date from an earlier run once more':
        'Dateien, deren Ergebnis aus einem früheren Durchlauf aktuell ist, noch einmal optimieren',
    'Cannot undo: %1': 'Rückgängig machen nicht möglich: %1',
    'Nothing to undo: no in-place run is recorded.':
        'Nichts rückgängig zu machen: kein Durchlauf „Originale ersetzen“ ist verzeichnet.',
    'Undid the in-place run of %1: %n original(s) restored.':
        ('Durchlauf vom %1 rückgängig gemacht: %n Original zurückgeholt.',
         'Durchlauf vom %1 rückgängig gemacht: %n Originale zurückgeholt.'),
    'Undid the in-place run of %1: %2 restored, %3 left as they are (their originals stay in the Trash).':
        'Durchlauf vom %1 rückgängig gemacht: %2 zurückgeholt, %3 unverändert gelassen (ihre Originale bleiben '
        'im Papierkorb).',
}


def main(path):
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter('message'):
        source = message.find('source').text or ''
        translation = message.find('translation')
        text = DE.get(source)
        if text is None:
            missing.append(source)
            continue
        translation.attrib.pop('type', None)
        for child in list(translation):
            translation.remove(child)
        if message.get('numerus') == 'yes':
            translation.text = None
            for form in text:
                ET.SubElement(translation, 'numerusform').text = form
        else:
            translation.text = text
    tree.write(path, encoding='utf-8', xml_declaration=True)
    with open(path, 'r+', encoding='utf-8') as f:  # keep the DOCTYPE lupdate expects
        body = f.read().replace("<?xml version='1.0' encoding='utf-8'?>\n", '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n', 1)
        f.seek(0)
        f.write(body)
        f.truncate()
    for m in missing:
        print('untranslated:', repr(m), file=sys.stderr)
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'translations/imgopt_de.ts'))
