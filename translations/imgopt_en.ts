<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>imgopt::gui::ControlBar</name>
    <message numerus="yes">
        <source>%n failed</source>
        <translation><numerusform>%n failed</numerusform><numerusform>%n failed</numerusform></translation>
    </message>
</context>
<context>
    <name>imgopt::gui::MainWindow</name>
    <message numerus="yes">
        <source>Scanning %n item(s)…</source>
        <translation><numerusform>Scanning %n item…</numerusform><numerusform>Scanning %n items…</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were not images and were left alone.</source>
        <translation><numerusform>%n file was not an image and was left alone.</numerusform><numerusform>%n files were not images and were left alone.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n path(s) could not be read: %1</source>
        <translation><numerusform>%n path could not be read: %1</numerusform><numerusform>%n paths could not be read: %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) moved to the front of the queue.</source>
        <translation><numerusform>%n file moved to the front of the queue.</numerusform><numerusform>%n files moved to the front of the queue.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) had already started and stay in the list.</source>
        <translation><numerusform>%n file had already started and stays in the list.</numerusform><numerusform>%n files had already started and stay in the list.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Processing %n file(s) again.</source>
        <translation><numerusform>Processing %n file again.</numerusform><numerusform>Processing %n files again.</numerusform></translation>
    </message>
</context>
<context>
    <name>imgopt::gui::UndoRunner</name>
    <message numerus="yes">
        <source>Undid the in-place run of %1: %n original(s) restored.</source>
        <translation><numerusform>Undid the in-place run of %1: %n original restored.</numerusform><numerusform>Undid the in-place run of %1: %n originals restored.</numerusform></translation>
    </message>
</context>
</TS>