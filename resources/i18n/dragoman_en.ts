<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>DubbingWindow</name>
    <message numerus="yes">
        <source>Added %n job(s): uploading, then Pinch takes a few minutes per hour of media.</source>
        <translation>
            <numerusform>Added %n job: uploading, then Pinch takes a few minutes per hour of media.</numerusform>
            <numerusform>Added %n jobs: uploading, then Pinch takes a few minutes per hour of media.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <source>%n earlier row(s) not shown: with history off, only the latest rows are kept.</source>
        <translation>
            <numerusform>%n earlier row is not shown: with history off, only the latest rows are kept.</numerusform>
            <numerusform>%n earlier rows are not shown: with history off, only the latest rows are kept.</numerusform>
        </translation>
    </message>
</context>
</TS>
