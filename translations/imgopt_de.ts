<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QualityLabel</name>
    <message>
        <source>Lossless</source>
        <translation>Verlustfrei</translation>
    </message>
    <message>
        <source>Near-lossless</source>
        <translation>Nahezu verlustfrei</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>Ausgezeichnet</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Ordentlich</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Schwach</translation>
    </message>
    <message>
        <source>Very poor</source>
        <translation>Sehr schwach</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::AboutDialog</name>
    <message>
        <source>About ImgOpt</source>
        <translation>Über ImgOpt</translation>
    </message>
    <message>
        <source>&lt;h2&gt;ImgOpt %1&lt;/h2&gt;&lt;p&gt;Batch image optimizer: drop folders, watch them get smaller.&lt;/p&gt;%2</source>
        <translation>&lt;h2&gt;ImgOpt %1&lt;/h2&gt;&lt;p&gt;Bilder stapelweise optimieren: Ordner ablegen und zusehen, wie sie kleiner werden.&lt;/p&gt;%2</translation>
    </message>
    <message>
        <source>ImgOpt %1
Qt %2 (built with %3)
libvips %4</source>
        <translation>ImgOpt %1
Qt %2 (erstellt mit %3)
libvips %4</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::CompareCanvas</name>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Optimized</source>
        <translation>Optimiert</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::CompareView</name>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>&amp;Split</source>
        <translation>&amp;Geteilt</translation>
    </message>
    <message>
        <source>Side &amp;by Side</source>
        <translation>&amp;Nebeneinander</translation>
    </message>
    <message>
        <source>&amp;Difference</source>
        <translation>&amp;Differenz</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>&amp;Einpassen</translation>
    </message>
    <message>
        <source>&amp;100 %</source>
        <translation>&amp;100 %</translation>
    </message>
    <message>
        <source>&amp;200 %</source>
        <translation>&amp;200 %</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>&amp;Vorherige</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Nächste</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Compare: %1 (%2 of %3)</source>
        <translation>Vergleich: %1 (%2 von %3)</translation>
    </message>
    <message>
        <source>Original %1 → optimized %2</source>
        <translation>Original %1 → optimiert %2</translation>
    </message>
    <message>
        <source>saved %1 %</source>
        <translation>%1 % gespart</translation>
    </message>
    <message>
        <source>score %1 (SSIM)</source>
        <translation>Bewertung %1 (SSIM)</translation>
    </message>
    <message>
        <source>quality %1</source>
        <translation>Qualität %1</translation>
    </message>
    <message>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 px</translation>
    </message>
    <message>
        <source>quality %1, %2</source>
        <translation>Qualität %1, %2</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::ControlBar</name>
    <message>
        <source>saved %1 (%2 %)</source>
        <translation>%1 gespart (%2 %)</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>waiting for Start</source>
        <translation>wartet auf Start</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>wird abgebrochen …</translation>
    </message>
    <message>
        <source>finished in %1</source>
        <translation>fertig in %1</translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation>%1 von %2 Dateien</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation><numerusform>%n fehlgeschlagen</numerusform><numerusform>%n fehlgeschlagen</numerusform></translation>
    </message>
</context>
<context>
    <name>imgopt::gui::DisplayFormat</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>Optimized</source>
        <translation>Optimiert</translation>
    </message>
    <message>
        <source>Kept original</source>
        <translation>Original behalten</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Same as input</source>
        <translation>Wie Eingabe</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 (raise the pixel limit under Settings, Advanced)</source>
        <translation>%1 (Pixelgrenze unter Einstellungen, Erweitert anheben)</translation>
    </message>
    <message>
        <source>%1 (Settings, Destination: If the output exists)</source>
        <translation>%1 (Einstellungen, Ziel: Wenn die Ausgabe existiert)</translation>
    </message>
    <message>
        <source>lossy</source>
        <translation>verlustbehaftet</translation>
    </message>
    <message>
        <source>lossy, full colour resolution</source>
        <translation>verlustbehaftet, volle Farbauflösung</translation>
    </message>
    <message>
        <source>palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>near-lossless truecolour</source>
        <translation>nahezu verlustfreie Echtfarben</translation>
    </message>
    <message>
        <source>lossless</source>
        <translation>verlustfrei</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::DropZone</name>
    <message>
        <source>Drop images or folders here</source>
        <translation>Bilder oder Ordner hier ablegen</translation>
    </message>
    <message>
        <source>&amp;Add Files…</source>
        <translation>Dateien hin&amp;zufügen …</translation>
    </message>
    <message>
        <source>Add F&amp;older…</source>
        <translation>&amp;Ordner hinzufügen …</translation>
    </message>
    <message>
        <source>%1 files, one by one or whole folders</source>
        <translation>Dateien im Format %1, einzeln oder als ganze Ordner</translation>
    </message>
    <message>
        <source>Release to add them to the queue</source>
        <translation>Loslassen, um sie der Warteschlange hinzuzufügen</translation>
    </message>
    <message>
        <source>Only files and folders on this computer can be added</source>
        <translation>Nur Dateien und Ordner auf diesem Computer können hinzugefügt werden</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::MainWindow</name>
    <message>
        <source>ImgOpt</source>
        <translation>ImgOpt</translation>
    </message>
    <message>
        <source>Settings changes apply to the next run.</source>
        <translation>Geänderte Einstellungen gelten ab dem nächsten Durchlauf.</translation>
    </message>
    <message>
        <source>Ready. Drop images or folders to optimize them.</source>
        <translation>Bereit. Bilder oder Ordner ablegen, um sie zu optimieren.</translation>
    </message>
    <message>
        <source>Add &amp;Files…</source>
        <translation>&amp;Dateien hinzufügen …</translation>
    </message>
    <message>
        <source>Add F&amp;older…</source>
        <translation>&amp;Ordner hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Export Benchmark Report…</source>
        <translation>Benchmark-Bericht &amp;exportieren …</translation>
    </message>
    <message>
        <source>Open O&amp;utput Folder</source>
        <translation>&amp;Ausgabeordner öffnen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Preferences / Presets…</source>
        <translation>&amp;Einstellungen / Vorlagen …</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>A&amp;bbrechen</translation>
    </message>
    <message>
        <source>&amp;About ImgOpt</source>
        <translation>&amp;Über ImgOpt</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht gespeichert unter %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Durchlauf</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>Scanning %n item(s)…</source>
        <translation><numerusform>%n Eintrag wird durchsucht …</numerusform><numerusform>%n Einträge werden durchsucht …</numerusform></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were not images and were left alone.</source>
        <translation><numerusform>%n Datei war kein Bild und wurde nicht angerührt.</numerusform><numerusform>%n Dateien waren keine Bilder und wurden nicht angerührt.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n path(s) could not be read: %1</source>
        <translation><numerusform>%n Pfad konnte nicht gelesen werden: %1</numerusform><numerusform>%n Pfade konnten nicht gelesen werden: %1</numerusform></translation>
    </message>
    <message>
        <source>No images were found.</source>
        <translation>Es wurden keine Bilder gefunden.</translation>
    </message>
    <message>
        <source>Add Files</source>
        <translation>Dateien hinzufügen</translation>
    </message>
    <message>
        <source>Add Folder</source>
        <translation>Ordner hinzufügen</translation>
    </message>
    <message>
        <source>No output has been written yet.</source>
        <translation>Es wurde noch keine Ausgabe geschrieben.</translation>
    </message>
    <message>
        <source>Preset applied.</source>
        <translation>Vorlage angewendet.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) moved to the front of the queue.</source>
        <translation><numerusform>%n Datei an den Anfang der Warteschlange gestellt.</numerusform><numerusform>%n Dateien an den Anfang der Warteschlange gestellt.</numerusform></translation>
    </message>
    <message>
        <source>These files have already started.</source>
        <translation>Diese Dateien werden bereits bearbeitet.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) had already started and stay in the list.</source>
        <translation><numerusform>%n Datei wurde bereits begonnen und bleibt in der Liste.</numerusform><numerusform>%n Dateien wurden bereits begonnen und bleiben in der Liste.</numerusform></translation>
    </message>
    <message>
        <source>&amp;Undo Last Run</source>
        <translation>Letzten Durchlauf &amp;rückgängig machen</translation>
    </message>
    <message>
        <source>Put back the originals of the last in-place run, from the Trash</source>
        <translation>Die Originale des letzten Durchlaufs „Originale ersetzen“ aus dem Papierkorb zurückholen</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>Bilder (%1);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <source>Processing %n file(s) again.</source>
        <translation><numerusform>%n Datei wird erneut bearbeitet.</numerusform><numerusform>%n Dateien werden erneut bearbeitet.</numerusform></translation>
    </message>
    <message>
        <source>Putting the originals back…</source>
        <translation>Originale werden zurückgeholt …</translation>
    </message>
    <message>
        <source>Undo Last Run</source>
        <translation>Letzten Durchlauf rückgängig machen</translation>
    </message>
    <message numerus="yes">
        <source>%n hidden file(s) or folder(s) were left out (Settings, Advanced: Include hidden files).</source>
        <translation><numerusform>%n versteckte Datei oder versteckter Ordner wurde ausgelassen (Einstellungen, Erweitert: Versteckte Dateien einbeziehen).</numerusform><numerusform>%n versteckte Dateien oder Ordner wurden ausgelassen (Einstellungen, Erweitert: Versteckte Dateien einbeziehen).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were reached twice and are optimized once.</source>
        <translation><numerusform>%n Datei wurde doppelt erreicht und wird einmal optimiert.</numerusform><numerusform>%n Dateien wurden doppelt erreicht und werden einmal optimiert.</numerusform></translation>
    </message>
</context>
<context>
    <name>imgopt::gui::MetricsDock</name>
    <message>
        <source>Metrics</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <source>Throughput, memory, batch sizes and worker load are charted here once a run starts.</source>
        <translation>Sobald ein Durchlauf startet, zeigen Diagramme hier Durchsatz, Speicher, Stapelgrößen und Auslastung der Worker.</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::MetricsPanel</name>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>images/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Throughput (images/s)</source>
        <translation>Durchsatz (Bilder/s)</translation>
    </message>
    <message>
        <source>Memory (MiB)</source>
        <translation>Speicher (MiB)</translation>
    </message>
    <message>
        <source>RSS</source>
        <translation>RSS</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Batch budget</source>
        <translation>Stapelbudget</translation>
    </message>
    <message>
        <source>Batch sizes (tasks)</source>
        <translation>Stapelgrößen (Aufgaben)</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Verstrichen</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Images/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <source>Peak RSS</source>
        <translation>Höchster RSS</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Stapel</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>%1 busy of %2 × %3 threads</source>
        <translation>%1 belegt von %2 × %3 Threads</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Memory (MiB), 1 in %1 of %2 samples shown</source>
        <translation>Speicher (MiB), jeder %1. von %2 Messwerten gezeigt</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::PreferencesDialog</name>
    <message>
        <source>&amp;Start optimizing as soon as files are dropped</source>
        <translation>Optimierung &amp;sofort nach dem Ablegen von Dateien starten</translation>
    </message>
    <message>
        <source>Save &amp;Current Settings As…</source>
        <translation>Aktuelle Einstellungen &amp;speichern unter …</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>Presets are JSON files; the command line reads them with &lt;tt&gt;imgopt --preset FILE&lt;/tt&gt;.</source>
        <translation>Vorlagen sind JSON-Dateien; die Kommandozeile liest sie mit &lt;tt&gt;imgopt --preset DATEI&lt;/tt&gt;.</translation>
    </message>
    <message>
        <source>Open &amp;Folder</source>
        <translation>&amp;Ordner öffnen</translation>
    </message>
    <message>
        <source>Save Preset</source>
        <translation>Vorlage speichern</translation>
    </message>
    <message>
        <source>Preset &amp;name:</source>
        <translation>&amp;Name der Vorlage:</translation>
    </message>
    <message>
        <source>Replace the preset “%1”?</source>
        <translation>Die Vorlage „%1“ ersetzen?</translation>
    </message>
    <message>
        <source>Delete Preset</source>
        <translation>Vorlage löschen</translation>
    </message>
    <message>
        <source>Delete the preset “%1”?</source>
        <translation>Die Vorlage „%1“ löschen?</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::PresetStore</name>
    <message>
        <source>A preset needs a name.</source>
        <translation>Eine Vorlage braucht einen Namen.</translation>
    </message>
    <message>
        <source>A preset name cannot contain slashes or start with a dot.</source>
        <translation>Der Name einer Vorlage darf keine Schrägstriche enthalten und nicht mit einem Punkt beginnen.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Cannot delete the preset %1.</source>
        <translation>Die Vorlage %1 kann nicht gelöscht werden.</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::QualitySpinBox</name>
    <message>
        <source>Same as global</source>
        <translation>Wie global</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::QueueModel</name>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Ersparnis</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1
→ %2</source>
        <translation>%1
→ %2</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Already optimized</source>
        <translation>Bereits optimiert</translation>
    </message>
    <message>
        <source>%1
Process Again (in the row's menu) redoes it.</source>
        <translation>%1
Erneut bearbeiten (im Menü der Zeile) wiederholt es.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::QueuePanel</name>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>Alle Dateien</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Optimized</source>
        <translation>Optimiert</translation>
    </message>
    <message>
        <source>Kept original</source>
        <translation>Original behalten</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Process &amp;Next</source>
        <translation>Als &amp;Nächstes bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Show Output in &amp;Folder</source>
        <translation>Ausgabe im &amp;Ordner zeigen</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <source>Process &amp;Again</source>
        <translation>&amp;Erneut bearbeiten</translation>
    </message>
    <message>
        <source>Optimize files that were up to date from an earlier run once more</source>
        <translation>Dateien, deren Ergebnis aus einem früheren Durchlauf aktuell ist, noch einmal optimieren</translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation>&amp;Vergleichen …</translation>
    </message>
    <message>
        <source>Compare the original and the optimized file (Ctrl+D, or double-click a finished row)</source>
        <translation>Original und optimierte Datei vergleichen (Strg+D oder Doppelklick auf eine fertige Zeile)</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::ReportExporter</name>
    <message>
        <source>Unknown report format for %1. Use .json, .csv, .md or .html.</source>
        <translation>Unbekanntes Berichtsformat für %1. Bitte .json, .csv, .md oder .html verwenden.</translation>
    </message>
    <message>
        <source>There is no run to report yet. Optimize some images first.</source>
        <translation>Es gibt noch keinen Durchlauf für einen Bericht. Bitte zuerst Bilder optimieren.</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV, one row per file (*.csv)</source>
        <translation>CSV, eine Zeile pro Datei (*.csv)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>HTML with charts (*.html)</source>
        <translation>HTML mit Diagrammen (*.html)</translation>
    </message>
    <message>
        <source>Export Benchmark Report</source>
        <translation>Benchmark-Bericht exportieren</translation>
    </message>
    <message>
        <source>The report could not be written.

%1</source>
        <translation>Der Bericht konnte nicht geschrieben werden.

%1</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::SettingsPanel</name>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>&amp;Quality:</source>
        <translation>&amp;Qualität:</translation>
    </message>
    <message>
        <source>Keep size</source>
        <translation>Größe beibehalten</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <source>Long edge</source>
        <translation>Lange Kante</translation>
    </message>
    <message>
        <source>Short edge</source>
        <translation>Kurze Kante</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>&amp;Resize:</source>
        <translation>&amp;Größe ändern:</translation>
    </message>
    <message>
        <source>Strip all</source>
        <translation>Alle entfernen</translation>
    </message>
    <message>
        <source>Keep colour profile</source>
        <translation>Farbprofil behalten</translation>
    </message>
    <message>
        <source>Keep all</source>
        <translation>Alle behalten</translation>
    </message>
    <message>
        <source>&amp;Metadata:</source>
        <translation>&amp;Metadaten:</translation>
    </message>
    <message>
        <source>Keep file &amp;dates</source>
        <translation>Datei&amp;datum beibehalten</translation>
    </message>
    <message>
        <source>&amp;Never make a file bigger</source>
        <translation>Datei &amp;nie vergrößern</translation>
    </message>
    <message>
        <source>When the optimized file would be larger, keep the original instead.</source>
        <translation>Wäre die optimierte Datei größer, bleibt stattdessen das Original erhalten.</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>“optimized” subfolder</source>
        <translation>Unterordner „optimized“</translation>
    </message>
    <message>
        <source>Chosen folder (mirrors the tree)</source>
        <translation>Gewählter Ordner (mit gleicher Ordnerstruktur)</translation>
    </message>
    <message>
        <source>Beside the original, with a suffix</source>
        <translation>Neben dem Original, mit Namenszusatz</translation>
    </message>
    <message>
        <source>Replace the originals (in place)</source>
        <translation>Originale ersetzen</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>Speichern &amp;in:</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Ordner wählen …</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>Su&amp;ffix:</source>
        <translation>Namens&amp;zusatz:</translation>
    </message>
    <message>
        <source>Add a number</source>
        <translation>Nummer anhängen</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Skip the file</source>
        <translation>Datei überspringen</translation>
    </message>
    <message>
        <source>If the output e&amp;xists:</source>
        <translation>Wenn die Ausgabe e&amp;xistiert:</translation>
    </message>
    <message>
        <source>&amp;JPEG quality:</source>
        <translation>&amp;JPEG-Qualität:</translation>
    </message>
    <message>
        <source>&amp;PNG quality:</source>
        <translation>&amp;PNG-Qualität:</translation>
    </message>
    <message>
        <source>&amp;WebP quality:</source>
        <translation>&amp;WebP-Qualität:</translation>
    </message>
    <message>
        <source>&amp;AVIF quality:</source>
        <translation>&amp;AVIF-Qualität:</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>Automatisch (%1)</translation>
    </message>
    <message>
        <source>Parallel &amp;jobs:</source>
        <translation>Parallele A&amp;ufträge:</translation>
    </message>
    <message>
        <source> MP</source>
        <translation> MP</translation>
    </message>
    <message>
        <source>Larger images are refused before decoding (decompression bombs).</source>
        <translation>Größere Bilder werden vor dem Dekodieren abgelehnt (Dekompressionsbomben).</translation>
    </message>
    <message>
        <source>Pi&amp;xel limit:</source>
        <translation>Pi&amp;xelgrenze:</translation>
    </message>
    <message>
        <source>Include &amp;hidden files</source>
        <translation>&amp;Versteckte Dateien einbeziehen</translation>
    </message>
    <message>
        <source>Ad&amp;vanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <source>Replace the originals?</source>
        <translation>Originale ersetzen?</translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Optimized files will replace the original files, and only when they are smaller. Each original goes to the Trash first; Edit &gt; Undo Last Run puts them back.</source>
        <translation>Die optimierten Dateien ersetzen die Originaldateien, und nur wenn sie kleiner sind. Jedes Original kommt zuerst in den Papierkorb; Bearbeiten &gt; Letzten Durchlauf rückgängig machen holt sie zurück.</translation>
    </message>
    <message>
        <source>Per image, the smallest file that still meets the visual target below, instead of one fixed quality.</source>
        <translation>Je Bild die kleinste Datei, die das Sichtziel darunter noch erfüllt, statt einer festen Qualität.</translation>
    </message>
    <message>
        <source>A&amp;utomatic: smallest file that looks the same</source>
        <translation>A&amp;utomatisch: kleinste Datei, die gleich aussieht</translation>
    </message>
    <message>
        <source>How close to the original an automatic quality must stay.</source>
        <translation>Wie nah eine automatische Qualität am Original bleiben muss.</translation>
    </message>
    <message>
        <source>High: looks the same</source>
        <translation>Hoch: sieht gleich aus</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Ausgewogen</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>Klein</translation>
    </message>
    <message>
        <source>Auto · per image</source>
        <translation>Auto · je Bild</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::SummaryPanel</name>
    <message>
        <source>Show Failed Files in the &amp;Queue</source>
        <translation>Fehlgeschlagene Dateien in der &amp;Warteschlange zeigen</translation>
    </message>
    <message>
        <source>No run has finished yet.</source>
        <translation>Es ist noch kein Durchlauf abgeschlossen.</translation>
    </message>
    <message>
        <source>&amp;Failures:</source>
        <translation>&amp;Fehler:</translation>
    </message>
    <message>
        <source>Finished: %1 optimized, %2 kept original, %3 skipped, %4 failed · saved %5 (%6 %) in %7</source>
        <translation>Fertig: %1 optimiert, %2 Original behalten, %3 übersprungen, %4 fehlgeschlagen · %5 gespart (%6 %) in %7</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Optimized</source>
        <translation>Optimiert</translation>
    </message>
    <message>
        <source>Kept original</source>
        <translation>Original behalten</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespart</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1 (%2 %)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Not images</source>
        <translation>Keine Bilder</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Hidden, left out</source>
        <translation>Versteckt, ausgelassen</translation>
    </message>
    <message>
        <source>Reached twice</source>
        <translation>Doppelt erreicht</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::UndoRunner</name>
    <message>
        <source>Cannot undo: %1</source>
        <translation>Rückgängig machen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Nothing to undo: no in-place run is recorded.</source>
        <translation>Nichts rückgängig zu machen: kein Durchlauf „Originale ersetzen“ ist verzeichnet.</translation>
    </message>
    <message numerus="yes">
        <source>Undid the in-place run of %1: %n original(s) restored.</source>
        <translation><numerusform>Durchlauf vom %1 rückgängig gemacht: %n Original zurückgeholt.</numerusform><numerusform>Durchlauf vom %1 rückgängig gemacht: %n Originale zurückgeholt.</numerusform></translation>
    </message>
    <message>
        <source>Undid the in-place run of %1: %2 restored, %3 left as they are (their originals stay in the Trash).</source>
        <translation>Durchlauf vom %1 rückgängig gemacht: %2 zurückgeholt, %3 unverändert gelassen (ihre Originale bleiben im Papierkorb).</translation>
    </message>
</context>
<context>
    <name>imgopt::gui::WorkerTimeline</name>
    <message numerus="yes">
        <source>%n files</source>
        <translation><numerusform>%n Datei</numerusform><numerusform>%n Dateien</numerusform></translation>
    </message>
    <message>
        <source>%1
%2: %3 s to %4 s (%5 ms)</source>
        <translation>%1
%2: %3 s bis %4 s (%5 ms)</translation>
    </message>
    <message>
        <source>validated</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>optimized</source>
        <translation>optimiert</translation>
    </message>
    <message>
        <source>Workers: a bar per file, thin bars validation</source>
        <translation>Worker: ein Balken je Datei, schmale Balken Prüfung</translation>
    </message>
    <message numerus="yes">
        <source>Workers: the last %n files, thin bars validation</source>
        <translation><numerusform>Worker: die letzte Datei, schmale Balken Prüfung</numerusform><numerusform>Worker: die letzten %n Dateien, schmale Balken Prüfung</numerusform></translation>
    </message>
</context>
</TS>